package dev.valuekit.value;

import dev.valuekit.table.Transitions;

import java.util.random.RandomGenerator;

/** Somewhere minibatches of transitions come from: the data set, a synthetic buffer, a mixture. */
public interface TransitionSource {
    TransitionSample sample(int n, RandomGenerator rng);

    /** Uniform rows (with replacement) of the data set, optionally restricted to some rows. */
    static TransitionSource of(Transitions d) {
        return (n, rng) -> rows(d, n, rng, null);
    }

    static TransitionSample rows(Transitions d, int n, RandomGenerator rng, int[] allowed) {
        int od = d.obsDim(), k = d.actDim();
        double[] o = new double[n * od], a = new double[n * k], r = new double[n], no = new double[n * od];
        boolean[] t = new boolean[n];
        for (int i = 0; i < n; i++) {
            int row = allowed == null ? rng.nextInt(d.rows()) : allowed[rng.nextInt(allowed.length)];
            System.arraycopy(d.obs(), row * od, o, i * od, od);
            System.arraycopy(d.nextObs(), row * od, no, i * od, od);
            System.arraycopy(d.act(), row * k, a, i * k, k);
            r[i] = d.reward()[row];
            t[i] = d.terminal()[row];
        }
        return new TransitionSample(n, o, a, r, no, t);
    }
}
