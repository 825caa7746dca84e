package dev.valuekit.value;

import dev.valuekit.policy.Policy;

import java.util.random.RandomGenerator;

/**
 * A discrete-action agent as a policy: the action with the highest Q (ties: the lowest index), or, when
 * {@code sample}, a draw from softmax(Q(s, ·)) (Boltzmann exploration at temperature 1).
 */
public final class DiscreteQPolicy implements Policy, ActionSource {
    private final FittedValue q;
    private final boolean sample;
    private final String spec;
    private double[] lastLogProb;

    public DiscreteQPolicy(FittedValue q, boolean sample, String spec) {
        if (q.actions() < 2) throw new IllegalArgumentException("not a discrete-action Q");
        this.q = q;
        this.sample = sample;
        this.spec = spec;
    }

    @Override public String spec() { return spec + (sample ? " (softmax)" : " (greedy)"); }

    @Override public double[] act(double[] obs, RandomGenerator rng) { return actions(obs, 1, rng); }

    @Override public double[] actions(double[] obs, int n, RandomGenerator rng) {
        if (!sample) {
            lastLogProb = null;
            return q.greedyActions(obs, n);
        }
        int na = q.actions();
        double[] v = q.actionValues(obs, n);
        double[] out = new double[n];
        lastLogProb = new double[n];
        for (int i = 0; i < n; i++) {
            double top = Double.NEGATIVE_INFINITY, sum = 0;
            for (int j = 0; j < na; j++) top = Math.max(top, v[i * na + j]);
            for (int j = 0; j < na; j++) sum += Math.exp(v[i * na + j] - top);
            double u = rng.nextDouble() * sum, acc = 0;
            int pick = na - 1;
            for (int j = 0; j < na; j++) {
                acc += Math.exp(v[i * na + j] - top);
                if (u < acc) {
                    pick = j;
                    break;
                }
            }
            out[i] = pick;
            lastLogProb[i] = v[i * na + pick] - top - Math.log(sum);
        }
        return out;
    }

    @Override public double[] lastLogProb() { return lastLogProb; }
}
