package dev.valuekit.value;

import dev.valuekit.table.Transitions;

import java.util.Arrays;

/**
 * Monte-Carlo returns of the data, episode by episode, computed backwards with {@link Credit#backup}:
 * {@code G_t = r_t + γ·G_{t+1}} (sum) or {@code G_t = min(r_t, γ·G_{t+1})} (min), {@code G = r} on a
 * terminal row.
 *
 * <p>An episode that ends without a terminal state (truncated by a time limit, or cut off where the
 * data ends) has an unknown tail. {@code keep} treats the tail as zero (sum) or absent (min: the
 * return is the minimum over the rows that exist). {@code dropTolerance > 0} drops the rows (NaN
 * return) whose missing tail still matters: those with {@code γ^(rows left) > dropTolerance}.
 */
public final class MonteCarlo {
    private MonteCarlo() {}

    /** Returns per row; NaN marks a dropped row. {@code dropTolerance = 0} keeps every row. */
    public static double[] returns(Transitions d, Episodes eps, double gamma, Credit credit, double dropTolerance) {
        double[] g = new double[d.rows()];
        Arrays.fill(g, Double.NaN);
        for (int e = 0; e < eps.count(); e++) {
            int[] rows = eps.episode(e);
            int last = rows[rows.length - 1];
            boolean complete = d.terminal()[last];
            double next = 0;
            for (int i = rows.length - 1; i >= 0; i--) {
                int r = rows[i];
                boolean end = i == rows.length - 1;
                double v = end ? d.reward()[r] : credit.backup(d.reward()[r], gamma, d.terminal()[r], next);
                next = v;
                int left = rows.length - i;
                boolean tailMatters = !complete && dropTolerance > 0 && Math.pow(gamma, left) > dropTolerance;
                if (!tailMatters) g[r] = v;
            }
        }
        return g;
    }
}
