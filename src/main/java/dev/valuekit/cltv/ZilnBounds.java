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
 * With these every prediction is finite. {@link #NONE} (models written before the bounds existed) only
 * keeps results finite.
 */
public record ZilnBounds(double sigmaMax, double muMin, double muMax, double ltvMax) {
    public static final ZilnBounds NONE = new ZilnBounds(Double.POSITIVE_INFINITY, -Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE);

    /** One sentence for the model spec and --help. */
    public static final String RULE = "sigma <= sd of ln(label) over training spenders (in training and scoring); "
            + "mu clamped to [ln min, ln max] of the positive training labels; predicted_ltv and quantiles <= largest training label";

    public ZilnBounds {
        if (!(sigmaMax > 0) || !(muMin <= muMax) || !(ltvMax >= 0)) {
            throw new IllegalArgumentException("inconsistent ZILN bounds " + sigmaMax + ", " + muMin + ", " + muMax + ", " + ltvMax);
        }
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

    /** E[y] = sigmoid(l0)·exp(μ + σ²/2) with μ and σ bounded, capped at {@code ltvMax}. */
    public double expectedValue(double l0, double l1, double l2) {
        double s = sigma(l2);
        return Math.min(ltvMax, Ziln.purchaseProbability(l0) * Math.exp(mu(l1) + 0.5 * s * s));
    }

    /** The q-quantile (see {@link Ziln#quantile}) with μ and σ bounded, capped at {@code ltvMax}. */
    public double quantile(double q, double l0, double l1, double l2) {
        return Math.min(ltvMax, Ziln.quantileOf(q, Ziln.purchaseProbability(l0), mu(l1), sigma(l2)));
    }
}
