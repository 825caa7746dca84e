package dev.valuekit.cltv;

/**
 * What a zero-inflated lognormal head may claim, fixed from the training labels so that a poorly fitted
 * σ cannot blow the mean p·exp(μ + σ²/2) up to 1e25:
 * <ul>
 * <li>σ ≤ {@code sigmaMax} = the standard deviation of ln y over the training spenders. By the law of total
 *     variance the spread of ln y given the features averages at most its marginal spread, so a larger σ is
 *     never supported by the labels. Applied in training (the loss sees the capped σ) and in scoring.</li>
 * <li>μ within [{@code muMin}, {@code muMax}] = [ln of the smallest, ln of the largest positive training
 *     label]: the predicted median spend of a spender stays inside the observed range (scoring only).</li>
 * <li>predicted_ltv and the quantiles at most {@code ltvMax} = the largest training label: a conditional mean
 *     of spends never exceeds the largest spend seen (scoring only).</li>
 * </ul>
 * With these every prediction is finite. {@code meanScale} then multiplies the spend part (the mean and
 * the quantiles, i.e. μ shifted by ln meanScale) before the cap: the calibration of {@link #calibrated}, 1
 * when none was fitted. {@link #NONE} (models written before the bounds existed) only keeps results finite.
 */
public record ZilnBounds(double sigmaMax, double muMin, double muMax, double ltvMax, double meanScale) {
    public static final ZilnBounds NONE = new ZilnBounds(Double.POSITIVE_INFINITY, -Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE);

    /** One sentence for the model spec and --help. */
    public static final String RULE = "sigma <= sd of ln(label) over training spenders (in training and scoring); "
            + "mu clamped to [ln min, ln max] of the positive training labels; predicted_ltv and quantiles <= largest training label";

    /** One sentence for the model spec and --help: how {@code meanScale} is fitted. */
    public static final String CALIBRATION = "mean_scale = sum of the labels / sum of the bounded predicted means over the customers "
            + "given to fit (trained on and held out; never scored ones); it multiplies predicted_ltv and the quantiles before the cap";

    /** Uncalibrated bounds (mean scale 1). */
    public ZilnBounds(double sigmaMax, double muMin, double muMax, double ltvMax) {
        this(sigmaMax, muMin, muMax, ltvMax, 1);
    }

    public ZilnBounds {
        if (!(sigmaMax > 0) || !(muMin <= muMax) || !(ltvMax >= 0) || !(meanScale > 0) || !Double.isFinite(meanScale)) {
            throw new IllegalArgumentException("inconsistent ZILN bounds " + sigmaMax + ", " + muMin + ", " + muMax + ", " + ltvMax
                    + ", mean scale " + meanScale);
        }
    }

    /**
     * These bounds with the mean scale that makes the bounded predicted means {@code ev} (evaluated without any
     * scale) sum to the labels {@code y} of the same customers. The lognormal mean exp(μ + σ²/2) leans on the
     * fitted σ, and where ln(spend) is not normal (real spend has a lighter right tail in log space than a
     * lognormal) it is off by about the same factor for every customer: CDNOW's held-out customers spent 0.8×,
     * a Pareto-tailed synthetic log's 0.5× the predicted means. The factor is measured on every customer given
     * to fit, not only the held-out tenth: it is a shape misfit that seen and unseen customers share (on those
     * data sets the factor on the fitting customers and on unseen ones differed by +0.01 on average over six
     * splits), while a tenth of a 2,000-4,000 customer table moved it by ±0.13-0.19 from draw to draw.
     * Unchanged (scale 1) when nobody has predicted or actual spend.
     */
    public ZilnBounds calibrated(double[] ev, double[] y) {
        double p = 0, a = 0;
        for (int i = 0; i < ev.length; i++) { p += ev[i]; a += y[i]; }
        double scale = p > 0 && a > 0 ? a / p : 1;
        return new ZilnBounds(sigmaMax, muMin, muMax, ltvMax, Double.isFinite(scale) ? scale : 1);
    }

    /**
     * The bounds the labels support. With fewer than two spenders σ cannot be estimated and is held at
     * 1 (a factor e spread); with none, μ is 0 and the value cap 0.
     */
    public static ZilnBounds fromLabels(double[] y) {
        int n = 0;
        double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, ltvMax = 0;
        for (double v : y) {
            ltvMax = Math.max(ltvMax, v);
            if (v <= 0) continue;
            double l = Math.log(v);
            n++;
            sum += l;
            min = Math.min(min, l);
            max = Math.max(max, l);
        }
        if (n == 0) return new ZilnBounds(1, 0, 0, 0);
        double mean = sum / n, ss = 0;
        for (double v : y) if (v > 0) ss += (Math.log(v) - mean) * (Math.log(v) - mean);
        double sd = n < 2 ? 1 : Math.sqrt(ss / n);
        return new ZilnBounds(Math.max(sd, Ziln.SIGMA_FLOOR), min, max, ltvMax);
    }

    /** σ of the logit, floored as in {@link Ziln#sigma} and capped. */
    public double sigma(double l2) {
        return Math.min(Ziln.sigma(l2), sigmaMax);
    }

    public double mu(double l1) {
        return Math.max(muMin, Math.min(muMax, l1));
    }

    /** E[y] = meanScale·sigmoid(l0)·exp(μ + σ²/2) with μ and σ bounded, capped at {@code ltvMax}. */
    public double expectedValue(double l0, double l1, double l2) {
        double s = sigma(l2);
        return Math.min(ltvMax, meanScale * Ziln.purchaseProbability(l0) * Math.exp(mu(l1) + 0.5 * s * s));
    }

    /** The q-quantile (see {@link Ziln#quantile}) with μ and σ bounded, times meanScale, capped at {@code ltvMax}. */
    public double quantile(double q, double l0, double l1, double l2) {
        return Math.min(ltvMax, meanScale * Ziln.quantileOf(q, Ziln.purchaseProbability(l0), mu(l1), sigma(l2)));
    }
}
