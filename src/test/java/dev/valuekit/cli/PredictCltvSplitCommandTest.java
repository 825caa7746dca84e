package dev.valuekit.cli;

import dev.valuekit.table.Batch;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.Tables;
import dev.valuekit.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** predict-cltv split (seeded customer hold-out), synth --spend heavy, and the bad inputs of the CLTV workflow. */
class PredictCltvSplitCommandTest {
    @TempDir Path tmp;

    private static Cli.Result ok(String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.code(), r.toString());
        return r;
    }

    /** Exit 2 with one line on stderr naming {@code what}, and no file in the temp directory but {@code keep}. */
    private void bad(String what, Set<String> keep, String... args) throws Exception {
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
        assertTrue(r.stderr().contains(what), r.stderr());
        try (var files = Files.list(tmp)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> !keep.contains(n)).toList();
            assertEquals(List.of(), names, "nothing written");
        }
    }

    private Path customers(String name, String body) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, body);
        return p;
    }

    private Path table(int n) throws Exception {
        StringBuilder sb = new StringBuilder("customer_id,frequency,ltv\n");
        for (int i = 0; i < n; i++) sb.append("c").append(i).append(',').append(i % 3).append(',').append(i % 7 == 0 ? 0 : i).append('\n');
        return customers("customers.csv", sb.toString());
    }

    private static List<String> ids(String file) {
        Batch b = Tables.readAll(file, null, ReadOptions.defaults());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < b.rows(); i++) out.add(b.getString(0, i));
        return out;
    }

    @Test
    void splitIsExactSeededDisjointAndIndependentOfRowOrder() throws Exception {
        Path in = table(1000);
        String tr = tmp.resolve("train.csv").toString(), te = tmp.resolve("test.csv").toString();
        ok("predict-cltv", "split", "-i", in.toString(), "--fraction", "0.2", "--seed", "3", "--train-output", tr, "--test-output", te);
        List<String> train = ids(tr), test = ids(te);
        assertEquals(800, train.size());
        assertEquals(200, test.size());
        Set<String> all = new HashSet<>(train);
        all.addAll(test);
        assertEquals(1000, all.size(), "every customer exactly once");

        // Shuffled rows, same seed: the same customers are held out.
        List<String> lines = new ArrayList<>(Files.readAllLines(in));
        String header = lines.remove(0);
        Collections.shuffle(lines, new java.util.Random(5));
        lines.add(0, header);
        Path shuffled = tmp.resolve("shuffled.csv");
        Files.write(shuffled, lines);
        String te2 = tmp.resolve("test2.csv").toString();
        ok("predict-cltv", "split", "-i", shuffled.toString(), "--fraction", "0.2", "--seed", "3", "--train-output", tmp.resolve("tr2.csv").toString(), "--test-output", te2);
        assertEquals(new HashSet<>(test), new HashSet<>(ids(te2)));

        // Another seed holds out other customers.
        String te3 = tmp.resolve("test3.csv").toString();
        ok("predict-cltv", "split", "-i", in.toString(), "--fraction", "0.2", "--seed", "4", "--train-output", tmp.resolve("tr3.csv").toString(), "--test-output", te3);
        assertFalse(new HashSet<>(test).equals(new HashSet<>(ids(te3))));
    }

    @Test
    void badSplitInputsExitTwoAndWriteNothing() throws Exception {
        Path in = table(50);
        Set<String> keep = new HashSet<>(Set.of("customers.csv"));
        String tr = tmp.resolve("train.csv").toString(), te = tmp.resolve("test.csv").toString();
        for (String f : new String[] {"0", "1", "-0.1", "1.5"}) {
            bad("--fraction must be strictly between 0 and 1", keep, "predict-cltv", "split", "-i", in.toString(), "--fraction", f,
                    "--train-output", tr, "--test-output", te);
        }
        Path noLabel = customers("nolabel.csv", "customer_id,frequency\na,1\nb,2\n");
        keep.add("nolabel.csv");
        bad("ltv", keep, "predict-cltv", "split", "-i", noLabel.toString(), "--train-output", tr, "--test-output", te);
        Path negative = customers("negative.csv", "customer_id,frequency,ltv\na,1,3\nb,2,-4\nc,0,0\n");
        keep.add("negative.csv");
        bad("label -4.0 is not a spend >= 0", keep, "predict-cltv", "split", "-i", negative.toString(), "--train-output", tr, "--test-output", te);
        bad("label -4.0 is not a spend >= 0", keep, "predict-cltv", "fit", "--method", "ziln", "-i", negative.toString(), "-o", tmp.resolve("m.safetensors").toString());
        bad("ltv", keep, "predict-cltv", "fit", "--method", "ziln", "-i", noLabel.toString(), "-o", tmp.resolve("m.safetensors").toString());
    }

    @Test
    void scoringATableWithoutTheModelsColumnsExitsTwo() throws Exception {
        String log = tmp.resolve("log.csv").toString(), customers = tmp.resolve("c.csv").toString(), m = tmp.resolve("m.safetensors").toString();
        ok("predict-cltv", "synth", "--customers", "400", "--seed", "2", "-o", log);
        ok("predict-cltv", "features", "--transactions", log, "--calibration-end", "2024-09-29", "--holdout-end", "2025-06-29", "-o", customers);
        ok("predict-cltv", "fit", "--method", "ziln", "-i", customers, "--max-epochs", "1", "-o", m);
        Path other = customers("other.csv", "customer_id,frequency,ltv\na,1,3\n");
        bad("recency", Set.of("log.csv", "c.csv", "m.safetensors", "other.csv"), "predict-cltv", "score", "-m", m, "-i", other.toString(),
                "-o", tmp.resolve("p.csv").toString());
    }

    @Test
    void heavySpendIsSeededAndHasWhalesWhileTheDefaultLogIsUnchanged() throws Exception {
        String plain = tmp.resolve("plain.csv").toString(), h1 = tmp.resolve("h1.csv").toString(), h2 = tmp.resolve("h2.csv").toString();
        ok("predict-cltv", "synth", "--customers", "3000", "--seed", "1", "-o", plain);
        ok("predict-cltv", "synth", "--customers", "3000", "--seed", "1", "--spend", "heavy", "--whales", "0.01", "-o", h1);
        ok("predict-cltv", "synth", "--customers", "3000", "--seed", "1", "--spend", "heavy", "--whales", "0.01", "-o", h2);
        assertArrayEquals(Files.readAllBytes(Path.of(h1)), Files.readAllBytes(Path.of(h2)));
        double[] p = amounts(plain), h = amounts(h1);
        // Largest single purchase far above the gamma story's, median purchase of the same order.
        assertTrue(max(h) > 8 * max(p), "heavy max " + max(h) + " vs plain " + max(p));
        assertTrue(median(h) > median(p) / 5 && median(h) < median(p) * 5, median(h) + " vs " + median(p));
        Cli.Result r = Cli.run("predict-cltv", "synth", "--whales", "0.1", "-o", tmp.resolve("x.csv").toString());
        assertEquals(2, r.code(), r.toString());
    }

    private static double[] amounts(String file) {
        Batch b = Tables.readAll(file, null, ReadOptions.defaults());
        double[] a = new double[b.rows()];
        for (int i = 0; i < a.length; i++) a[i] = b.getDouble(2, i);
        return a;
    }

    private static double max(double[] a) { return java.util.Arrays.stream(a).max().orElseThrow(); }

    private static double median(double[] a) {
        double[] s = a.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }
}
