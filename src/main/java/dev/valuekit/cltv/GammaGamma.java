package dev.valuekit.cltv;

import static dev.valuekit.cltv.SpecialFunctions.digamma;
import static dev.valuekit.cltv.SpecialFunctions.lnGamma;

/**
 * The Gamma-Gamma spend model (Fader, Hardie &amp; Lee 2005, "RFM and CLV"; Colombo &amp; Jiang 1999):
 * each transaction's value is Gamma(p, ν) with the customer's ν ~ Gamma(q, v). A repeat buyer is
 * summarised by x repeat transactions with mean value m.
 */
public record GammaGamma(double p, double q, double v) {

    public GammaGamma {
        if (!(p > 0 && q > 0 && v > 0)) {
            throw new IllegalArgumentException("Gamma-Gamma parameters must be positive: p=" + p + " q=" + q + " v=" + v);
        }
    }

    /**
     * ln f(m | x) = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln v + (px−1) ln m + px ln x − (px+q) ln(xm + v),
     * the density of the mean of x values (the px ln x term is the Jacobian from the sum to the mean).
     */
    public double logLikelihood(double x, double m) {
        double px = p * x;
        return lnGamma(px + q) - lnGamma(px) - lnGamma(q) + q * Math.log(v) + (px - 1) * Math.log(m)
                + px * Math.log(x) - (px + q) * Math.log(x * m + v);
    }

    /** Adds weight × ∇ ln f with respect to (ln p, ln q, ln v) into grad. */
    void addLogLikelihoodGradient(double x, double m, double weight, double[] grad) {
        double px = p * x, lnDen = Math.log(x * m + v), psiAll = digamma(px + q);
        grad[0] += weight * p * x * (psiAll - digamma(px) + Math.log(m) + Math.log(x) - lnDen);
        grad[1] += weight * q * (psiAll - digamma(q) + Math.log(v) - lnDen);
        grad[2] += weight * v * (q / v - (px + q) / (x * m + v));
    }

    /**
     * E[value per transaction | x, m] = (p(v + x m)) / (px + q − 1): a credibility-weighted mix of
     * the population mean pv/(q−1) and the customer's own mean m. With x = 0 it is the population
     * mean. Needs q > 1 (otherwise the population mean is infinite).
     */
    public double conditionalExpectedValue(double x, double m) {
        if (q <= 1) return Double.POSITIVE_INFINITY;
        return p * (v + x * m) / (p * x + q - 1);
    }
}
