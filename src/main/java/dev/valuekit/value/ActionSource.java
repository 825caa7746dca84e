package dev.valuekit.value;

import dev.valuekit.policy.Policy;

import java.util.random.RandomGenerator;

/** Actions for a batch of observations, with their log-probabilities when the policy knows them. */
public interface ActionSource {
    /** {@code n × k} actions for {@code n × d} observations. */
    double[] actions(double[] obs, int n, RandomGenerator rng);

    /** log π of the actions last returned, or null when unknown (soft targets need it). */
    default double[] lastLogProb() { return null; }

    /** A per-row policy applied row by row. */
    static ActionSource of(Policy p, int obsDim) {
        return (obs, n, rng) -> {
            double[] out = null;
            for (int i = 0; i < n; i++) {
                double[] a = p.act(java.util.Arrays.copyOfRange(obs, i * obsDim, (i + 1) * obsDim), rng);
                if (out == null) out = new double[n * a.length];
                System.arraycopy(a, 0, out, i * a.length, a.length);
            }
            return out;
        };
    }
}
