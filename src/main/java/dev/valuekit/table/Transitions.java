package dev.valuekit.table;

import dev.valuekit.common.BadInputException;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The transitions contract (DESIGN.md section 2) in one place: the schema writers write
 * ({@link #schema}), and a table read into memory for training or evaluation, resolved through
 * {@link TransitionColumns} by the given {@link TransitionNames}.
 *
 * <p>Arrays are row-major: {@code obs} and {@code nextObs} are {@code rows × obsDim}, {@code act} is
 * {@code rows × actDim}. {@code terminal} is terminated and not truncated: a time limit says nothing
 * about the state, so only a true terminal state stops bootstrapping or teaches a model that the
 * episode ends. {@code episode}/{@code step} are null when the table has no such column.
 */
public record Transitions(String source, String[] obsNames, String[] actNames, int rows, double[] obs, double[] act,
                          double[] reward, double[] nextObs, boolean[] terminal, boolean[] truncated, long[] episode,
                          long[] step) {

    /** What writers write, in this order: episode, step, obs_*, act_*, reward, next_obs_*, terminated, truncated. */
    public static Schema schema(int obsDim, int actDim) {
        TransitionNames names = TransitionNames.CANONICAL;
        List<Field> f = new ArrayList<>();
        f.add(new Field("episode", ColumnType.INT64));
        f.add(new Field("step", ColumnType.INT64));
        for (int i = 0; i < obsDim; i++) f.add(new Field(names.obsPrefix() + i, ColumnType.FLOAT32));
        for (int j = 0; j < actDim; j++) f.add(new Field(names.actPrefix() + j, ColumnType.FLOAT32));
        f.add(new Field(names.reward(), ColumnType.FLOAT64));
        for (int i = 0; i < obsDim; i++) f.add(new Field(names.nextObsPrefix() + i, ColumnType.FLOAT32));
        f.add(new Field("terminated", ColumnType.BOOL));
        f.add(new Field("truncated", ColumnType.BOOL));
        return new Schema(f);
    }

    /** Reads a whole transitions file ({@code -} = {@code stdin}, which errors then name "stdin"). */
    public static Transitions read(String input, InputStream stdin, ReadOptions o, TransitionNames names) {
        return from(Tables.readAll(input, stdin, o), names, "-".equals(input) ? "stdin" : input);
    }

    /** Reads a whole table by the canonical names. */
    public static Transitions from(Batch b, String source) {
        return from(b, TransitionNames.CANONICAL, source);
    }

    /** Reads a whole table; empty tables and non-finite values are bad input (row and column named). */
    public static Transitions from(Batch b, TransitionNames names, String source) {
        TransitionColumns c = TransitionColumns.resolve(b.schema(), source, names);
        int n = b.rows();
        if (n == 0) throw BadInputException.inFile("empty data set: no transitions", source, "give a table with at least one row");
        int d = c.obsDim(), k = c.actDim();
        double[] obs = new double[n * d], next = new double[n * d], act = new double[n * k], rew = new double[n];
        boolean[] term = new boolean[n], trunc = new boolean[n];
        for (int i = 0; i < d; i++) {
            for (int r = 0; r < n; r++) {
                obs[r * d + i] = finite(b, c.obs()[i], r, source);
                next[r * d + i] = finite(b, c.nextObs()[i], r, source);
            }
        }
        for (int j = 0; j < k; j++) for (int r = 0; r < n; r++) act[r * k + j] = finite(b, c.act()[j], r, source);
        for (int r = 0; r < n; r++) {
            rew[r] = finite(b, c.reward(), r, source);
            trunc[r] = finite(b, c.truncated(), r, source) != 0;
            term[r] = finite(b, c.terminated(), r, source) != 0 && !trunc[r];
        }
        long[] ep = c.episode() < 0 ? null : longs(b, c.episode(), n);
        long[] st = c.step() < 0 ? null : longs(b, c.step(), n);
        Schema s = b.schema();
        return new Transitions(source, names(s, c.obs()), names(s, c.act()), n, obs, act, rew, next, term, trunc, ep, st);
    }

    public int obsDim() { return obsNames.length; }
    public int actDim() { return actNames.length; }
    public boolean hasEpisodes() { return episode != null; }

    /** Row r's observation (a copy). */
    public double[] obsRow(int r) { return Arrays.copyOfRange(obs, r * obsDim(), (r + 1) * obsDim()); }

    /** obs ⊕ act per row ({@code rows × (obsDim + actDim)}), the input of a dynamics model or a Q critic; a new array each call. */
    public double[] obsAct() { return concatRows(obs, act, rows); }

    /** The smallest and largest value of each action column: {@code {low, high}}. */
    public double[][] actRange() {
        int k = actDim();
        double[] lo = new double[k], hi = new double[k];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < rows * k; i++) {
            lo[i % k] = Math.min(lo[i % k], act[i]);
            hi[i % k] = Math.max(hi[i % k], act[i]);
        }
        return new double[][] {lo, hi};
    }

    /** Row-wise concatenation of two row-major matrices of {@code n} rows. */
    public static double[] concatRows(double[] a, double[] b, int n) {
        if (n == 0) return new double[0];
        int da = a.length / n, db = b.length / n;
        double[] x = new double[n * (da + db)];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, i * da, x, i * (da + db), da);
            System.arraycopy(b, i * db, x, i * (da + db) + da, db);
        }
        return x;
    }

    private static long[] longs(Batch b, int col, int n) {
        long[] out = new long[n];
        for (int r = 0; r < n; r++) out[r] = b.getLong(col, r);
        return out;
    }

    private static double finite(Batch b, int col, int row, String source) {
        double v = b.getDouble(col, row);
        if (!Double.isFinite(v)) {
            throw new BadInputException("non-finite value " + v + " in the data", source, row + 1, b.schema().name(col),
                    "remove or repair the row; a model cannot learn from NaN or infinity");
        }
        return v;
    }

    private static String[] names(Schema s, int[] cols) {
        String[] out = new String[cols.length];
        for (int i = 0; i < cols.length; i++) out[i] = s.name(cols[i]);
        return out;
    }
}
