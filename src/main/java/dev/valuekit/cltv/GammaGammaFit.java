package dev.valuekit.cltv;

import dev.valuekit.cltv.optim.Minimum;
import dev.valuekit.cltv.optim.Objective;
import dev.valuekit.common.BadInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * A fitted Gamma-Gamma spend model; only repeat buyers (x &gt; 0) with positive mean repeat spend
 * inform it. {@code zeroSpendRepeatBuyers} counts repeat buyers left out because their repeat
 * purchases were all worth 0 (the gamma density has no mass there; CDNOW has a few).
 */
public record GammaGammaFit(GammaGamma model, double logLikelihood, int repeatBuyers, int zeroSpendRepeatBuyers, boolean converged) {

    /** Fits on all customers with x &gt; 0 and m &gt; 0. */
    public static GammaGammaFit fit(double[] x, double[] m) {
        List<double[]> rows = new ArrayList<>();
        double sumM = 0;
        int zero = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] <= 0) continue;
            if (!(m[i] >= 0) || !Double.isFinite(m[i])) {
                throw new BadInputException("customer " + (i + 1) + " has mean repeat spend " + m[i], "spend must be a number >= 0");
            }
            if (m[i] == 0) { zero++; continue; }
            rows.add(new double[]{x[i], m[i]});
            sumM += m[i];
        }
        if (rows.size() < 2) {
            throw new BadInputException("only " + rows.size() + " repeat buyers", "Gamma-Gamma needs customers with frequency > 0; use a longer calibration period");
        }
        double[] rx = new double[rows.size()], rm = new double[rows.size()];
        for (int i = 0; i < rx.length; i++) { rx[i] = rows.get(i)[0]; rm[i] = rows.get(i)[1]; }
        double meanM = sumM / rows.size();
        List<double[]> starts = new ArrayList<>();
        // Population mean spend is pv/(q−1): start each (p, q) pair at the v that matches the data.
        double[][] pq = {{1, 2}, {5, 3}, {0.5, 1.5}};
        for (double[] s : pq) starts.add(new double[]{Math.log(s[0]), Math.log(s[1]), Math.log(meanM * (s[1] - 1) / s[0])});
        Minimum min = LogLikelihoodFit.minimize(negLogLik(rx, rm), starts, "Gamma-Gamma");
        double[] p = LogLikelihoodFit.exp(min.x());
        return new GammaGammaFit(new GammaGamma(p[0], p[1], p[2]), -min.value(), rx.length, zero, min.converged());
    }

    static Objective negLogLik(double[] x, double[] m) {
        return new Objective() {
            @Override public double value(double[] theta) { return valueAndGradient(theta, null); }

            @Override public double valueAndGradient(double[] theta, double[] grad) {
                GammaGamma g;
                try {
                    double[] p = LogLikelihoodFit.exp(theta);
                    g = new GammaGamma(p[0], p[1], p[2]);
                } catch (IllegalArgumentException e) {
                    return Double.NaN;
                }
                double ll = 0;
                double[] acc = grad == null ? null : new double[3];
                for (int i = 0; i < x.length; i++) {
                    ll += g.logLikelihood(x[i], m[i]);
                    if (acc != null) g.addLogLikelihoodGradient(x[i], m[i], 1, acc);
                }
                if (grad != null) for (int k = 0; k < 3; k++) grad[k] = -acc[k];
                return -ll;
            }
        };
    }
}
