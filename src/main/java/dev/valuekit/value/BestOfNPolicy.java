package dev.valuekit.value;

import dev.valuekit.env.ActionSpace;
import dev.valuekit.policy.Policy;

import java.util.random.RandomGenerator;

/**
 * Best-of-N action extraction (Digi-Q): N candidate actions drawn uniformly from the action box (or from
 * the discrete actions), the one with the highest aggregated Q(s, a) is taken (ties: the first drawn).
 */
public final class BestOfNPolicy implements Policy, ActionSource {
    private final FittedValue q;
    private final int candidates;
    private final double[] low, high;
    private final int discrete;

    public BestOfNPolicy(FittedValue q, int candidates, ActionSpace space) {
        if (!q.isQ()) throw new IllegalArgumentException("best-of-N needs a Q function");
        this.q = q;
        this.candidates = candidates;
        this.discrete = space.n();
        this.low = new double[space.dim()];
        this.high = new double[space.dim()];
        for (int j = 0; j < low.length; j++) { low[j] = space.low(j); high[j] = space.high(j); }
    }

    @Override public String spec() { return "best-of:" + candidates; }

    @Override public double[] act(double[] obs, RandomGenerator rng) { return actions(obs, 1, rng); }

    @Override public double[] actions(double[] obs, int n, RandomGenerator rng) {
        int d = obs.length / n, k = low.length, c = candidates;
        double[] x = new double[n * c * (d + k)];
        double[] cand = new double[n * c * k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                int row = i * c + j;
                System.arraycopy(obs, i * d, x, row * (d + k), d);
                for (int u = 0; u < k; u++) {
                    double a = discrete > 0 ? rng.nextInt(discrete) : (float) (low[u] + (high[u] - low[u]) * rng.nextDouble());
                    cand[row * k + u] = Math.min(a, high[u]);
                    x[row * (d + k) + d + u] = cand[row * k + u];
                }
            }
        }
        double[] v = q.value(x, n * c);
        double[] out = new double[n * k];
        for (int i = 0; i < n; i++) {
            int best = i * c;
            for (int j = 1; j < c; j++) if (v[i * c + j] > v[best]) best = i * c + j;
            System.arraycopy(cand, best * k, out, i * k, k);
        }
        return out;
    }
}
