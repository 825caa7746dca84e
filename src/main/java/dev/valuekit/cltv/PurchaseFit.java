package dev.valuekit.cltv;

import dev.valuekit.cltv.optim.Minimum;
import dev.valuekit.cltv.optim.Objective;
import dev.valuekit.common.ComputationException;

import java.util.ArrayList;
import java.util.List;

/**
 * A purchase model fitted by maximum likelihood on calibration summaries: the parameters, the maximised
 * log-likelihood and how the optimiser ended. BG/NBD uses its analytic gradient ({@link BgNbdFit});
 * MBG/NBD and Pareto/NBD central differences in log-parameter space, after the same multi-start
 * Nelder–Mead search ({@link LogLikelihoodFit}).
 */
public record PurchaseFit(PurchaseModel model, double logLikelihood, int customers, int distinctHistories, boolean converged) {
    private static final double STEP = 1e-5;

    public static PurchaseFit fit(PurchaseModelType type, double[] x, double[] tx, double[] t) {
        if (type == PurchaseModelType.BGNBD) {
            BgNbdFit f = BgNbdFit.fit(x, tx, t);
            return new PurchaseFit(f.model(), f.logLikelihood(), f.customers(), f.distinctHistories(), f.converged());
        }
        Histories h = BgNbdFit.checked(x, tx, t);
        Minimum m = LogLikelihoodFit.minimize(negLogLik(type, h), starts(type, h), type.title());
        return new PurchaseFit(type.create(LogLikelihoodFit.exp(m.x())), -m.value(), x.length, h.size(), m.converged());
    }

    /** −Σ w ln L over grouped histories, θ = ln(parameters); NaN outside the usable region. */
    static Objective negLogLik(PurchaseModelType type, Histories h) {
        return new Objective() {
            @Override public double value(double[] theta) {
                PurchaseModel m;
                try {
                    m = type.create(LogLikelihoodFit.exp(theta));
                } catch (IllegalArgumentException e) {   // exp under/overflowed
                    return Double.NaN;
                }
                double ll = 0;
                try {
                    for (int i = 0; i < h.size(); i++) ll += h.weight()[i] * m.logLikelihood(h.x()[i], h.tx()[i], h.t()[i]);
                } catch (ComputationException e) {     // a hypergeometric series too close to z = 1: far from any optimum
                    return Double.NaN;
                }
                return -ll;
            }

            @Override public double valueAndGradient(double[] theta, double[] grad) {
                double f = value(theta);
                for (int k = 0; k < theta.length; k++) {
                    double[] up = theta.clone(), down = theta.clone();
                    up[k] += STEP;
                    down[k] -= STEP;
                    grad[k] = (value(up) - value(down)) / (2 * STEP);
                }
                return f;
            }
        };
    }

    /** Starting points in log space: the repeat-purchase rate sets α for each r; a few dropout settings. */
    private static List<double[]> starts(PurchaseModelType type, Histories h) {
        double rate = BgNbdFit.purchaseRate(h);
        double[][] settings = type == PurchaseModelType.PARETONBD
                ? new double[][] {{1, 1, 1}, {0.5, 0.5, 10}, {0.5, 1, 1}}   // r, s, β/α
                : new double[][] {{1, 1, 1}, {0.5, 0.5, 2}, {2, 2, 5}};    // r, a, b
        List<double[]> out = new ArrayList<>();
        for (double[] s : settings) {
            double alpha = s[0] / rate;
            double fourth = type == PurchaseModelType.PARETONBD ? s[2] * alpha : s[2];
            out.add(new double[] {Math.log(s[0]), Math.log(alpha), Math.log(s[1]), Math.log(fourth)});
        }
        return out;
    }

}
