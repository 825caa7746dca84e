package dev.valuekit.evaluate;

/**
 * Returns of a policy over episodes. {@code returns}: the Gymnasium-convention undiscounted return up to
 * the time limit. With a Q model: {@code discounted[e]} is the realised discounted return from the start
 * state over {@code discountSteps} steps and {@code initialQ[e]} the model's aggregated Q(s₀, a₀) for the
 * first action taken (null without a Q model).
 */
public record PolicyReport(String policy, String env, double[] returns, double[] discounted, double[] initialQ,
                           double gamma, int discountSteps) {
    public double mean() { return Stats.mean(returns); }
    public double std() { return Stats.std(returns); }
    public double min() { double m = Double.POSITIVE_INFINITY; for (double r : returns) m = Math.min(m, r); return m; }
    public double max() { double m = Double.NEGATIVE_INFINITY; for (double r : returns) m = Math.max(m, r); return m; }
}
