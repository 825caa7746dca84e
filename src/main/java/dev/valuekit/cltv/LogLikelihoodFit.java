package dev.valuekit.cltv;

import dev.valuekit.cltv.optim.Bfgs;
import dev.valuekit.cltv.optim.Minimum;
import dev.valuekit.cltv.optim.NelderMead;
import dev.valuekit.cltv.optim.Objective;
import dev.valuekit.common.ComputationException;

import java.util.List;

/**
 * Maximum likelihood over log-parameters, the recipe both probabilistic models share: Nelder–Mead
 * from several starting points (the surface is flat and banana-shaped far from the optimum), then
 * BFGS with the analytic gradient from the best of them to converge tightly.
 */
final class LogLikelihoodFit {
    private LogLikelihoodFit() {}

    /** The minimiser of {@code negLogLik} over θ = ln(params), from the given starts (in θ). */
    static Minimum minimize(Objective negLogLik, List<double[]> starts, String model) {
        // The simplex only has to reach the optimum's basin; BFGS converges the last digits far cheaper.
        NelderMead nm = new NelderMead(0.5, 1e-9, 1e-3, 1500);
        Minimum best = null;
        for (double[] s : starts) {
            Minimum m = nm.minimize(negLogLik, s);
            if (best == null || m.value() < best.value()) best = m;
        }
        // A fresh simplex from the best end point escapes a premature collapse (the usual restart).
        Minimum restarted = nm.minimize(negLogLik, best.x());
        if (restarted.value() < best.value()) best = restarted;
        Minimum polished = new Bfgs(1e-7, 500).minimize(negLogLik, best.x());
        Minimum result = polished.value() <= best.value() ? polished : best;
        if (!Double.isFinite(result.value())) {
            throw new ComputationException(model + " fit failed: the log-likelihood is not finite at any starting point");
        }
        return result;
    }

    static double[] exp(double[] theta) {
        double[] p = new double[theta.length];
        for (int i = 0; i < p.length; i++) p[i] = Math.exp(theta[i]);
        return p;
    }
}
