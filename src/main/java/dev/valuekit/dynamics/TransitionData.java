package dev.valuekit.dynamics;

import dev.valuekit.common.BadInputException;
import dev.valuekit.table.Batch;
import dev.valuekit.table.Schema;
import dev.valuekit.table.TransitionColumns;

/**
 * Transitions arranged for a dynamics model: inputs {@code obs ⊕ act}, targets {@code Δobs ⊕ reward}
 * (row-major, {@code rows × inputs} and {@code rows × targets}), the terminal flag of each row and the
 * episode of each row when the table has one.
 *
 * <p>A row is terminal only when {@code terminated} is set and {@code truncated} is not: a time limit
 * says nothing about the state, so it must never teach the model that the state ends the episode.
 */
public record TransitionData(String source, String[] obsNames, String[] actNames, int rows,
                             double[] inputs, double[] targets, boolean[] terminal, long[] episode) {

    public int obsDim() { return obsNames.length; }
    public int actDim() { return actNames.length; }
    public int inputDim() { return obsNames.length + actNames.length; }
    /** Δobs plus reward. */
    public int targetDim() { return obsNames.length + 1; }
    public boolean hasEpisodes() { return episode != null; }

    /** Builds the training arrays; every value must be finite (row and column named otherwise). */
    public static TransitionData from(Batch b, TransitionColumns c, String source) {
        int n = b.rows();
        if (n == 0) {
            throw BadInputException.inFile("empty training set: no transitions", source, "give a table with at least one row");
        }
        Schema s = b.schema();
        int d = c.obsDim(), k = c.actDim();
        int in = d + k, out = d + 1;
        double[] x = new double[n * in];
        double[] y = new double[n * out];
        boolean[] term = new boolean[n];
        for (int i = 0; i < d; i++) {
            for (int r = 0; r < n; r++) {
                double o = finite(b, c.obs()[i], r, source);
                double next = finite(b, c.nextObs()[i], r, source);
                x[r * in + i] = o;
                y[r * out + i] = next - o;
            }
        }
        for (int j = 0; j < k; j++) {
            for (int r = 0; r < n; r++) x[r * in + d + j] = finite(b, c.act()[j], r, source);
        }
        for (int r = 0; r < n; r++) {
            y[r * out + d] = finite(b, c.reward(), r, source);
            term[r] = finite(b, c.terminated(), r, source) != 0 && finite(b, c.truncated(), r, source) == 0;
        }
        long[] ep = null;
        if (c.episode() >= 0) {
            ep = new long[n];
            for (int r = 0; r < n; r++) ep[r] = b.getLong(c.episode(), r);
        }
        return new TransitionData(source, names(s, c.obs()), names(s, c.act()), n, x, y, term, ep);
    }

    private static double finite(Batch b, int col, int row, String source) {
        double v = b.getDouble(col, row);
        if (!Double.isFinite(v)) {
            throw new BadInputException("non-finite value " + v + " in training data", source, row + 1,
                    b.schema().name(col), "remove or repair the row; a dynamics model cannot learn from NaN or infinity");
        }
        return v;
    }

    private static String[] names(Schema s, int[] cols) {
        String[] out = new String[cols.length];
        for (int i = 0; i < cols.length; i++) out[i] = s.name(cols[i]);
        return out;
    }
}
