package dev.valuekit.evaluate;

import dev.valuekit.dynamics.DynamicsNetwork;
import dev.valuekit.dynamics.LearnedDynamics;
import dev.valuekit.table.Batch;
import dev.valuekit.table.TransitionColumns;
import dev.valuekit.value.StateValue;

/** Computes {@link ValueAwareError} for a learned model and a value function (columns already checked). */
public final class ValueAwareEvaluator {
    private ValueAwareEvaluator() {}

    public static ValueAwareError evaluate(LearnedDynamics model, StateValue value, Batch b, TransitionColumns c) {
        int n = b.rows(), d = c.obsDim(), k = c.actDim(), in = d + k, t = d + 1;
        double[] x = new double[n * in];
        double[] next = new double[n * d];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                x[r * in + j] = b.getDouble(c.obs()[j], r);
                next[r * d + j] = b.getDouble(c.nextObs()[j], r);
            }
            for (int j = 0; j < k; j++) x[r * in + d + j] = b.getDouble(c.act()[j], r);
        }
        DynamicsNetwork.Output out = model.network().predict(x, n);
        double[] vTrue = value.values(next, n);
        int members = out.mean().length;
        int[] elites = model.spec().elites();
        double[] perMember = new double[members];
        for (int m = 0; m < members; m++) perMember[m] = error(vTrue, value, predicted(x, out, new int[] {m}, n, d, in, t), n);
        double eliteMean = error(vTrue, value, predicted(x, out, elites, n, d, in, t), n);
        double mv = 0;
        for (double v : vTrue) mv += v / n;
        return new ValueAwareError(value.fitted().source(), n, eliteMean, perMember, elites.clone(), mv);
    }

    /** ŝ' = s + mean over {@code which} of the members' predicted Δobs. */
    private static double[] predicted(double[] x, DynamicsNetwork.Output out, int[] which, int n, int d, int in, int t) {
        double[] s = new double[n * d];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                double delta = 0;
                for (int m : which) delta += out.mean()[m][r * t + j];
                s[r * d + j] = x[r * in + j] + delta / which.length;
            }
        }
        return s;
    }

    private static double error(double[] vTrue, StateValue value, double[] sHat, int n) {
        double[] v = value.values(sHat, n);
        double se = 0;
        for (int r = 0; r < n; r++) se += (vTrue[r] - v[r]) * (vTrue[r] - v[r]);
        return se / n;
    }
}
