package dev.valuekit.dynamics;

import dev.valuekit.table.Transitions;

/**
 * What a dynamics model learns to predict from {@code obs ⊕ act} ({@link Transitions#obsAct}): the change
 * of the observation and the reward, {@code Δobs ⊕ reward} per row ({@code rows × (obsDim + 1)}).
 */
public final class DynamicsTargets {
    private DynamicsTargets() {}

    public static int dim(Transitions t) { return t.obsDim() + 1; }

    public static double[] of(Transitions t) {
        int n = t.rows(), d = t.obsDim(), out = d + 1;
        double[] y = new double[n * out];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < d; i++) y[r * out + i] = t.nextObs()[r * d + i] - t.obs()[r * d + i];
            y[r * out + d] = t.reward()[r];
        }
        return y;
    }
}
