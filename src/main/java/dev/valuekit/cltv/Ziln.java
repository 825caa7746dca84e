package dev.valuekit.cltv;

import static dev.valuekit.cltv.SpecialFunctions.sigmoid;
import static dev.valuekit.cltv.SpecialFunctions.softplus;

/**
 * The zero-inflated lognormal (Wang, Liu &amp; Miao 2019, google/lifetime_value) as plain functions of
 * one row's three logits: l0 = logit of P(y &gt; 0), l1 = μ, l2 = σ before softplus. The spend is 0
 * with probability 1 − sigmoid(l0), otherwise LogNormal(μ, σ²). Networks (ZILN, OptDist) call these
 * per row; nothing here depends on a tensor library.
 */
public final class Ziln {
    /** σ never goes below √1e-7, as in the reference: keeps 1/σ² finite when softplus(l2) → 0. */
    public static final double SIGMA_FLOOR = Math.sqrt(1e-7);
    private static final double HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

    private Ziln() {}

    /** σ = max(softplus(l2), √1e-7). */
    public static double sigma(double l2) {
        return Math.max(softplus(l2), SIGMA_FLOOR);
    }

    /**
     * Per-row loss: binary cross-entropy on y &gt; 0 from the logit (softplus(l0) if y = 0,
     * softplus(−l0) if y &gt; 0) plus, for y &gt; 0, the lognormal negative log-likelihood
     * ln y + ln σ + ½ ln 2π + (ln y − μ)²/(2σ²).
     */
    public static double loss(double y, double l0, double l1, double l2) {
        return loss(y, l0, l1, l2, Double.POSITIVE_INFINITY);
    }

    /** The same with σ capped at {@code sigmaMax} (see {@link ZilnBounds}). */
    public static double loss(double y, double l0, double l1, double l2, double sigmaMax) {
        if (y <= 0) return softplus(l0);
        double s = Math.min(sigma(l2), sigmaMax), ly = Math.log(y), z = ly - l1;
        return softplus(-l0) + ly + Math.log(s) + HALF_LN_2PI + z * z / (2 * s * s);
    }

    /**
     * ∂loss/∂(l0, l1, l2) written into {@code grad}; returns the loss. Where the σ floor is active
     * the loss does not depend on l2, so that derivative is 0.
     */
    public static double lossAndGradient(double y, double l0, double l1, double l2, double[] grad) {
        return lossAndGradient(y, l0, l1, l2, Double.POSITIVE_INFINITY, grad);
    }

    /** The same with σ capped at {@code sigmaMax}: where the cap is active the l2 derivative is 0, as at the floor. */
    public static double lossAndGradient(double y, double l0, double l1, double l2, double sigmaMax, double[] grad) {
        double p = sigmoid(l0);
        if (y <= 0) {
            grad[0] = p;
            grad[1] = 0;
            grad[2] = 0;
            return softplus(l0);
        }
        double sp = softplus(l2), s = Math.min(Math.max(sp, SIGMA_FLOOR), sigmaMax), ly = Math.log(y), z = ly - l1;
        grad[0] = p - 1;
        grad[1] = -z / (s * s);
        double dSigma = 1 / s - z * z / (s * s * s);
        grad[2] = sp > SIGMA_FLOOR && sp < sigmaMax ? dSigma * sigmoid(l2) : 0;
        return softplus(-l0) + ly + Math.log(s) + HALF_LN_2PI + z * z / (2 * s * s);
    }

    /** P(y &gt; 0) = sigmoid(l0). */
    public static double purchaseProbability(double l0) {
        return sigmoid(l0);
    }

    /** E[y] = sigmoid(l0) · exp(μ + σ²/2), with the floored σ. */
    public static double expectedValue(double l0, double l1, double l2) {
        double s = sigma(l2);
        return sigmoid(l0) * Math.exp(l1 + 0.5 * s * s);
    }

    /**
     * The q-quantile of the zero-inflated lognormal: 0 while q ≤ P(y = 0), otherwise the lognormal
     * quantile at the remaining mass, exp(μ + σ Φ⁻¹((q − (1 − p)) / p)).
     */
    public static double quantile(double q, double l0, double l1, double l2) {
        return quantileOf(q, sigmoid(l0), l1, sigma(l2));
    }

    /** The q-quantile for purchase probability p, μ and σ given directly. */
    static double quantileOf(double q, double p, double mu, double sigma) {
        if (!(q > 0 && q < 1)) throw new IllegalArgumentException("quantile level must be in (0, 1): " + q);
        if (q <= 1 - p || p == 0) return 0;
        return Math.exp(mu + sigma * SpecialFunctions.normalQuantile((q - (1 - p)) / p));
    }
}
