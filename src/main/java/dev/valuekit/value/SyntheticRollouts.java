package dev.valuekit.value;

import dev.valuekit.table.Transitions;

import dev.valuekit.dynamics.DynamicsModel;
import dev.valuekit.dynamics.Prediction;

import java.util.random.RandomGenerator;

/**
 * MBPO/RAVL-style branched rollouts: {@code starts} states drawn from the data, {@code horizon} steps
 * through a dynamics model with actions sampled from the current actor, every transition stored in the
 * synthetic buffer; a row stops once the model says it terminated.
 */
public final class SyntheticRollouts {
    private final DynamicsModel model;
    private final Transitions data;
    private final int horizon;
    private final int starts;

    public SyntheticRollouts(DynamicsModel model, Transitions data, int horizon, int starts) {
        if (model.obsDim() != data.obsDim() || model.actDim() != data.actDim()) {
            throw new dev.valuekit.common.BadInputException("model " + model.name() + " has obs " + model.obsDim() + "/act "
                    + model.actDim() + " but the data has " + data.obsDim() + "/" + data.actDim(),
                    "use a model of the data's environment");
        }
        this.model = model;
        this.data = data;
        this.horizon = horizon;
        this.starts = starts;
    }

    public int horizon() { return horizon; }
    public int starts() { return starts; }

    /** Runs one round of rollouts into {@code buffer}; returns how many transitions were added. */
    public int run(TanhGaussianActor actor, SyntheticBuffer buffer, RandomGenerator rng) {
        int d = data.obsDim(), k = data.actDim();
        int n = starts;
        double[] obs = new double[n * d];
        for (int i = 0; i < n; i++) System.arraycopy(data.obs(), rng.nextInt(data.rows()) * d, obs, i * d, d);
        int added = 0;
        for (int h = 0; h < horizon && n > 0; h++) {
            double[] a = actor.sample(obs, n, rng).action();
            double[][] o2 = new double[n][], a2 = new double[n][];
            for (int i = 0; i < n; i++) {
                o2[i] = java.util.Arrays.copyOfRange(obs, i * d, (i + 1) * d);
                a2[i] = java.util.Arrays.copyOfRange(a, i * k, (i + 1) * k);
            }
            Prediction p = model.predict(o2, a2, rng);
            int alive = 0;
            double[] nextObs = new double[n * d];
            for (int i = 0; i < n; i++) {
                buffer.add(o2[i], a2[i], p.reward()[i], p.nextObs()[i], p.terminated()[i]);
                added++;
                if (!p.terminated()[i]) System.arraycopy(p.nextObs()[i], 0, nextObs, alive++ * d, d);
            }
            n = alive;
            obs = java.util.Arrays.copyOf(nextObs, n * d);
        }
        return added;
    }
}
