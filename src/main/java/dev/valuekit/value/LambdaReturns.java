package dev.valuekit.value;

import dev.valuekit.table.Transitions;

/**
 * TD(λ) targets for V, computed backwards along each episode from next-state values {@code V'(s'_t)}:
 * <pre>
 *   G_t = backup(r_t, γ, terminal_t, (1 − λ)·V'(s'_t) + λ·G_{t+1})
 * </pre>
 * and at the episode's last row (no G_{t+1}) {@code backup(r_t, γ, terminal_t, V'(s'_t))}: a truncated
 * tail bootstraps from its own next state. λ = 0 is TD(0), λ = 1 with a terminal end is Monte Carlo.
 */
public final class LambdaReturns {
    private LambdaReturns() {}

    public static double[] compute(Transitions d, Episodes eps, double[] nextValue, double gamma, double lambda, Credit credit) {
        double[] g = new double[d.rows()];
        for (int e = 0; e < eps.count(); e++) {
            int[] rows = eps.episode(e);
            double later = 0;
            for (int i = rows.length - 1; i >= 0; i--) {
                int r = rows[i];
                double cont = i == rows.length - 1 ? nextValue[r] : (1 - lambda) * nextValue[r] + lambda * later;
                g[r] = credit.backup(d.reward()[r], gamma, d.terminal()[r], cont);
                later = g[r];
            }
        }
        return g;
    }
}
