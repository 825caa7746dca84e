package dev.valuekit.value;

/**
 * One-step bootstrapped regression targets from a (target) critic ensemble's predictions at the next
 * state:
 * <pre>
 *   V'ᵢ = agg_m Q'_m(s'ᵢ, a'ᵢ) − α·log π(a'ᵢ | s'ᵢ)     (the entropy term only for soft targets)
 *   yᵢ  = rᵢ + γ·V'ᵢ           (credit sum; rᵢ alone when terminal)
 *   yᵢ  = min(rᵢ, γ·V'ᵢ)       (credit min, PURE; rᵢ alone when terminal)
 * </pre>
 * {@code nextQ} is {@code [members, n]} row-major; truncated rows are not terminal and bootstrap.
 */
public final class BootstrapTarget {
    private BootstrapTarget() {}

    public static double[] compute(double[] reward, boolean[] terminal, double[] nextQ, int members, Aggregation agg,
                                   double gamma, Credit credit, double[] nextLogProb, double alpha) {
        int n = reward.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double v = agg.apply(nextQ, members, n, i);
            if (nextLogProb != null) v -= alpha * nextLogProb[i];
            y[i] = credit.backup(reward[i], gamma, terminal[i], v);
        }
        return y;
    }
}
