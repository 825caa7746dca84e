package dev.valuekit.value;

import dev.valuekit.common.BadInputException;
import dev.valuekit.table.Batch;
import dev.valuekit.table.Schema;
import dev.valuekit.table.TransitionColumns;

/**
 * Transitions arranged for value learning, row-major: {@code obs} and {@code nextObs} are
 * {@code rows × obsDim}, {@code act} is {@code rows × actDim}. {@code terminal} is terminated and not
 * truncated (only a true terminal state stops bootstrapping). {@code episode}/{@code step} are null
 * when the table has no such column.
 */
public record ValueData(String source, String[] obsNames, String[] actNames, int rows, double[] obs, double[] act,
                        double[] reward, double[] nextObs, boolean[] terminal, boolean[] truncated, long[] episode,
                        long[] step) {

    public int obsDim() { return obsNames.length; }
    public int actDim() { return actNames.length; }

    /** Reads every column; non-finite values are bad input naming the row and column. */
    public static ValueData from(Batch b, TransitionColumns c, String source) {
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
        return new ValueData(source, names(s, c.obs()), names(s, c.act()), n, obs, act, rew, next, term, trunc, ep, st);
    }

    /** Row r's observation (a copy). */
    public double[] obsRow(int r) { return java.util.Arrays.copyOfRange(obs, r * obsDim(), (r + 1) * obsDim()); }

    private static long[] longs(Batch b, int col, int n) {
        long[] out = new long[n];
        for (int r = 0; r < n; r++) out[r] = b.getLong(col, r);
        return out;
    }

    private static double finite(Batch b, int col, int row, String source) {
        double v = b.getDouble(col, row);
        if (!Double.isFinite(v)) {
            throw new BadInputException("non-finite value " + v + " in the data", source, row + 1, b.schema().name(col),
                    "remove or repair the row; a value function cannot learn from NaN or infinity");
        }
        return v;
    }

    private static String[] names(Schema s, int[] cols) {
        String[] out = new String[cols.length];
        for (int i = 0; i < cols.length; i++) out[i] = s.name(cols[i]);
        return out;
    }
}
