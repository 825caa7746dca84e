package dev.valuekit.cltv;

import dev.valuekit.cltv.optim.Minimum;
import dev.valuekit.cltv.optim.Objective;
import dev.valuekit.common.BadInputException;

import java.util.ArrayList;
import java.util.List;

/** A fitted BG/NBD: the parameters, the maximised log-likelihood and how the optimiser ended. */
public record BgNbdFit(BgNbd model, double logLikelihood, int customers, int distinctHistories, boolean converged) {

    /** Maximum likelihood on calibration summaries (one entry per customer). */
    public static BgNbdFit fit(double[] x, double[] tx, double[] t) {
        Histories h = checked(x, tx, t);
        Objective f = negLogLik(h);
        Minimum m = LogLikelihoodFit.minimize(f, starts(h), "BG/NBD");
        double[] p = LogLikelihoodFit.exp(m.x());
        return new BgNbdFit(new BgNbd(p[0], p[1], p[2], p[3]), -m.value(), x.length, h.size(), m.converged());
    }

    /** The summaries grouped by history, after checking each is possible (BadInputException otherwise). */
    static Histories checked(double[] x, double[] tx, double[] t) {
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= 0 && tx[i] >= 0 && t[i] >= tx[i])) {
                throw new BadInputException("customer " + (i + 1) + " has an impossible history (frequency " + x[i]
                        + ", recency " + tx[i] + ", T " + t[i] + ")", "need frequency >= 0 and 0 <= recency <= T");
            }
        }
        if (x.length == 0) throw new BadInputException("no customers to fit", "the customer table is empty");
        return Histories.grouped(x, tx, t);
    }

    /** Repeat purchases per unit of exposure: mean λ = r/α pins α for a given r. */
    static double purchaseRate(Histories h) {
        double purchases = 0, exposure = 0;
        for (int i = 0; i < h.size(); i++) {
            purchases += h.weight()[i] * h.x()[i];
            exposure += h.weight()[i] * Math.max(h.t()[i], 1e-9);
        }
        return Math.max(purchases, 1) / Math.max(exposure, 1e-9);
    }

    static Objective negLogLik(Histories h) {
        return new Objective() {
            @Override public double value(double[] theta) { return valueAndGradient(theta, null); }

            @Override public double valueAndGradient(double[] theta, double[] grad) {
                BgNbd m;
                try {
                    double[] p = LogLikelihoodFit.exp(theta);
                    m = new BgNbd(p[0], p[1], p[2], p[3]);
                } catch (IllegalArgumentException e) { // exp under/overflowed: outside the usable region
                    return Double.NaN;
                }
                double[] g = grad == null ? null : new double[4];
                double ll = 0;
                for (int i = 0; i < h.size(); i++) ll += h.weight()[i] * m.logLikelihood(h.x()[i], h.tx()[i], h.t()[i], g, h.weight()[i]);
                if (grad != null) for (int k = 0; k < 4; k++) grad[k] = -g[k];
                return -ll;
            }
        };
    }

    /**
     * Starting points around the moment guess: the purchase rate of repeat buyers sets α for a given
     * r (mean λ = r/α); (a, b) start at a few dropout means. All in log space.
     */
    private static List<double[]> starts(Histories h) {
        double rate = purchaseRate(h);
        List<double[]> starts = new ArrayList<>();
        double[][] rab = {{1, 1, 1}, {0.5, 0.5, 2}, {2, 2, 5}};
        for (double[] s : rab) starts.add(new double[]{Math.log(s[0]), Math.log(s[0] / rate), Math.log(s[1]), Math.log(s[2])});
        return starts;
    }
}
