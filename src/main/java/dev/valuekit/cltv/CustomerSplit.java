package dev.valuekit.cltv;

import dev.valuekit.common.SeedStreams;
import dev.valuekit.common.BadInputException;
import dev.valuekit.table.Batch;

import java.util.Arrays;

/**
 * A seeded split of a customer table into fitting and held-out customers, so models are judged on
 * customers they never saw. Each customer gets a key from a 64-bit hash of (seed, customer id); the
 * round(fraction · n) customers with the smallest keys are the test set. The split therefore depends only
 * on the seed and the set of ids, not on the row order, and the test set has exactly that many customers.
 * Both tables keep the input's columns and row order.
 */
public final class CustomerSplit {
    /** What to split: the held-out fraction in (0, 1), the seed, and the id and label columns (label spend ≥ 0 is checked). */
    public record Options(double fraction, long seed, String idColumn, String labelColumn) {
        public Options {
            if (!(fraction > 0 && fraction < 1)) {
                throw new BadInputException("--fraction must be strictly between 0 and 1, got " + fraction, "e.g. --fraction 0.2 holds out 20% of the customers");
            }
        }
    }

    /** The customers to fit on and the held-out ones. */
    public record Result(Batch train, Batch test) {}

    private CustomerSplit() {}

    public static Result split(Batch table, String source, Options o) {
        int id = table.schema().require(o.idColumn(), source);
        CustomerEncoder.labels(table, table.schema().requireNumeric(o.labelColumn(), source), source, o.labelColumn());
        int n = table.rows();
        int tests = (int) Math.round(o.fraction() * n);
        if (n < 2 || tests == 0 || tests == n) {
            throw BadInputException.inFile("cannot hold out " + o.fraction() + " of " + n + " customers and keep both parts non-empty",
                    source, "use a larger table or a different --fraction");
        }
        long[] key = new long[n];
        Integer[] byKey = new Integer[n];
        for (int r = 0; r < n; r++) {
            key[r] = mix(SeedStreams.customerSplit(o.seed()) ^ fnv(table.getString(id, r)));
            byKey[r] = r;
        }
        Arrays.sort(byKey, (a, b) -> key[a] != key[b] ? Long.compare(key[a], key[b]) : String.valueOf(table.getString(id, a)).compareTo(String.valueOf(table.getString(id, b))));
        boolean[] test = new boolean[n];
        for (int i = 0; i < tests; i++) test[byKey[i]] = true;
        int[] trainRows = new int[n - tests], testRows = new int[tests];
        int a = 0, b = 0;
        for (int r = 0; r < n; r++) {
            if (test[r]) testRows[b++] = r; else trainRows[a++] = r;
        }
        return new Result(table.selectRows(trainRows), table.selectRows(testRows));
    }

    /** FNV-1a over the id's characters (null ids hash as empty). */
    private static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        if (s == null) return h;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finaliser: spreads nearby inputs over all 64 bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
