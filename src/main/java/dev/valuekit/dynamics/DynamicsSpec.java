package dev.valuekit.dynamics;

import dev.valuekit.table.Transitions;

import dev.valuekit.env.ActionSpace;
import dev.valuekit.tensor.Activation;

/**
 * What a learned dynamics model is, besides its weights: architecture, the data columns it reads and
 * predicts, input normaliser statistics, elites, termination rule and the action space seen in the
 * data (what a random policy draws from). Stored as the artifact's {@code valuekit.spec}.
 */
public record DynamicsSpec(int members, int hidden, int layers, Activation activation, TrainOptions.Loss loss,
                           String precision, String[] obsColumns, String[] actColumns, double[] inputMean,
                           double[] inputStd, int[] elites, Termination termination, ActionSpace actionSpace) {
    public int obsDim() { return obsColumns.length; }
    public int actDim() { return actColumns.length; }
    public int inputDim() { return obsColumns.length + actColumns.length; }
    public int targetDim() { return obsColumns.length + 1; }

    /**
     * The action space implied by training actions: one integer-valued column with values in 0..n-1
     * is discrete (CartPole, Acrobot); otherwise the box spanned by the observed minimum and maximum.
     */
    public static ActionSpace inferActionSpace(Transitions data) {
        int k = data.actDim();
        double[][] range = data.actRange();
        double[] lo = range[0], hi = range[1];
        boolean integral = true;
        for (double a : data.act()) integral &= a == Math.rint(a);
        if (k == 1 && integral && lo[0] >= 0 && hi[0] >= 1 && hi[0] < 1024) return ActionSpace.discrete((int) hi[0] + 1);
        for (int j = 0; j < k; j++) if (lo[j] == hi[j]) hi[j] = lo[j] + 1e-6;
        return ActionSpace.box(lo, hi);
    }
}
