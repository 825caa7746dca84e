package dev.valuekit.cltv;

/**
 * The special functions the probabilistic CLTV models need, written out so the project carries no
 * numerics library: log-gamma and digamma (argument shifted above 10, then the asymptotic series,
 * accurate to ~1e-13 absolute), the Gauss hypergeometric series, and the standard normal quantile.
 */
public final class SpecialFunctions {
    private static final double HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SHIFT_ABOVE = 10.0;

    private SpecialFunctions() {}

    /** ln Γ(x) for x > 0. */
    public static double lnGamma(double x) {
        if (!(x > 0)) throw new IllegalArgumentException("lnGamma needs x > 0, got " + x);
        double shift = 0;
        // Γ(x) = Γ(x+n) / (x (x+1) ... (x+n-1)); the product is kept as a sum of logs to avoid overflow.
        while (x < SHIFT_ABOVE) {
            shift += Math.log(x);
            x += 1;
        }
        double inv = 1 / x, inv2 = inv * inv;
        double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680 - inv2 / 1188))));
        return (x - 0.5) * Math.log(x) - x + HALF_LN_2PI + series - shift;
    }

    /** ln B(a, b). */
    public static double lnBeta(double a, double b) {
        return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
    }

    /** ψ(x) = d/dx ln Γ(x) for x > 0. */
    public static double digamma(double x) {
        if (!(x > 0)) throw new IllegalArgumentException("digamma needs x > 0, got " + x);
        double shift = 0;
        while (x < SHIFT_ABOVE) {
            shift += 1 / x;
            x += 1;
        }
        double inv2 = 1 / (x * x);
        double series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 / 132))));
        return Math.log(x) - 0.5 / x - series - shift;
    }

    /** ln(e^a + e^b) without overflow. */
    public static double logSumExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) return b;
        if (b == Double.NEGATIVE_INFINITY) return a;
        double m = Math.max(a, b);
        return m + Math.log1p(Math.exp(-Math.abs(a - b)));
    }

    /** softplus(x) = ln(1 + e^x), stable for large |x|. */
    public static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** 1 / (1 + e^-x), stable for large |x|. */
    public static double sigmoid(double x) {
        if (x >= 0) return 1 / (1 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /**
     * ₂F₁(a, b; c; z) for 0 ≤ z < 1 by its power series, summed until a term no longer changes the
     * sum. The terms shrink geometrically with ratio → z, so z close to 1 costs many terms; the
     * BG/NBD uses z = t/(α+T+t), below 0.99 for any realistic horizon.
     */
    public static double hyp2f1(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1)) throw new IllegalArgumentException("hyp2f1 series needs 0 <= z < 1, got " + z);
        double term = 1, sum = 1;
        for (int k = 0; k < 10_000_000; k++) {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            double next = sum + term;
            if (next == sum && Math.abs(term) <= 1e-17 * Math.abs(sum)) return next;
            sum = next;
        }
        throw new dev.valuekit.common.ComputationException("hypergeometric series did not converge for z = " + z
                + " (horizon far longer than alpha + T); use a shorter --horizon or a coarser time unit");
    }

    // Acklam's rational approximation of the normal quantile (relative error < 1.2e-9).
    private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
    private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};
    private static final double P_LOW = 0.02425;

    /** Φ⁻¹(p), the standard normal quantile, for 0 < p < 1 (±∞ at 0 and 1). */
    public static double normalQuantile(double p) {
        if (p <= 0) return Double.NEGATIVE_INFINITY;
        if (p >= 1) return Double.POSITIVE_INFINITY;
        if (p < P_LOW) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        if (p > 1 - P_LOW) return -normalQuantile(1 - p);
        double q = p - 0.5, r = q * q;
        return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
    }
}
