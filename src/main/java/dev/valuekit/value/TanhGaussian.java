package dev.valuekit.value;

/**
 * The math of a tanh-squashed diagonal Gaussian policy with affine rescaling to the action box, per
 * action dimension j, given the network's mean μ and log-std ℓ (clamped to [{@value #LOG_STD_MIN},
 * {@value #LOG_STD_MAX}]) and a standard normal draw ε:
 * <pre>
 *   σ = exp(ℓ),  u = μ + σ·ε,  a = c + h·tanh(u)        (c, h: centre and half-width of the box)
 *   log π(a) = Σⱼ [ −½ε² − ℓ − ½·log 2π − log(1 − tanh²u) − log h ]
 *   log(1 − tanh²u) = 2·(log 2 − u − softplus(−2u))        (exact and stable for large |u|)
 * </pre>
 * Reparameterised gradients (ε held fixed) of {@code L = Σ gₐ·a + c_lp·log π}: the Gaussian term
 * −½((u−μ)/σ)² = −½ε² does not depend on μ or ℓ, so
 * {@code ∂L/∂u = gₐ·h·(1 − tanh²u) + c_lp·2·tanh u}, {@code ∂L/∂μ = ∂L/∂u},
 * {@code ∂L/∂ℓ = ∂L/∂u·σ·ε − c_lp} (zero where ℓ was clamped).
 */
public final class TanhGaussian {
    public static final double LOG_STD_MIN = -20;
    public static final double LOG_STD_MAX = 2;
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double LOG2 = Math.log(2);

    private TanhGaussian() {}

    public static double clampLogStd(double l) { return Math.min(Math.max(l, LOG_STD_MIN), LOG_STD_MAX); }

    /** log(1 − tanh²u), stable. */
    public static double log1mTanh2(double u) {
        return 2 * (LOG2 - u - softplus(-2 * u));
    }

    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /** One dimension's action. */
    public static double action(double mu, double logStd, double eps, double centre, double half) {
        return centre + half * Math.tanh(mu + Math.exp(clampLogStd(logStd)) * eps);
    }

    /** One dimension's contribution to log π. */
    public static double logProb(double mu, double logStd, double eps, double half) {
        double l = clampLogStd(logStd);
        double u = mu + Math.exp(l) * eps;
        return -0.5 * eps * eps - l - HALF_LOG_2PI - log1mTanh2(u) - Math.log(half);
    }

    /**
     * Lower log-std bound of likelihood fitting (behaviour cloning, IQL's policy extraction; d3rlpy's and IQL's
     * reference use −5 and −10): at SAC's −20 a clamped data set (actions on the box's edge) would shrink σ until
     * the likelihood gradient z/σ overflows.
     */
    public static final double LIKELIHOOD_LOG_STD_MIN = -5;

    private static double clampLikelihoodLogStd(double l) { return Math.min(Math.max(l, LIKELIHOOD_LOG_STD_MIN), LOG_STD_MAX); }

    /** One dimension's contribution to log π for a given pre-tanh value u (the action c + h·tanh u), σ ≥ e^−5. */
    public static double logProbOfPreTanh(double mu, double logStd, double u, double half) {
        double l = clampLikelihoodLogStd(logStd);
        double z = (u - mu) / Math.exp(l);
        return -0.5 * z * z - l - HALF_LOG_2PI - log1mTanh2(u) - Math.log(half);
    }

    /** {∂/∂μ, ∂/∂ℓ} of {@link #logProbOfPreTanh} with u fixed: {z/σ, z² − 1} (ℓ's zero where clamped). */
    public static double[] preTanhGradient(double mu, double logStd, double u) {
        boolean clamped = logStd < LIKELIHOOD_LOG_STD_MIN || logStd > LOG_STD_MAX;
        double sigma = Math.exp(clampLikelihoodLogStd(logStd));
        double z = (u - mu) / sigma;
        return new double[] {z / sigma, clamped ? 0 : z * z - 1};
    }

    /**
     * Gradients of {@code gA·a + cLp·logπ} for one dimension: returns {∂/∂μ, ∂/∂ℓ} (ℓ before clamping).
     */
    public static double[] gradient(double mu, double logStd, double eps, double half, double gA, double cLp) {
        boolean clamped = logStd < LOG_STD_MIN || logStd > LOG_STD_MAX;
        double l = clampLogStd(logStd);
        double sigma = Math.exp(l);
        double t = Math.tanh(mu + sigma * eps);
        double du = gA * half * (1 - t * t) + cLp * 2 * t;
        double dl = clamped ? 0 : du * sigma * eps - cLp;
        return new double[] {du, dl};
    }
}
