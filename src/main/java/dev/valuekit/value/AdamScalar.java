package dev.valuekit.value;

/** Adam for one scalar (SAC's log-temperature), PyTorch's update rule with betas (0.9, 0.999), eps 1e-8. */
final class AdamScalar {
    private final double lr;
    private double m, v;
    private long t;

    AdamScalar(double lr) { this.lr = lr; }

    /** The parameter after one step with gradient {@code g}. */
    double step(double theta, double g) {
        t++;
        m = 0.9 * m + 0.1 * g;
        v = 0.999 * v + 0.001 * g * g;
        double bc1 = 1 - Math.pow(0.9, t), bc2 = 1 - Math.pow(0.999, t);
        return theta - (lr / bc1) * m / (Math.sqrt(v) / Math.sqrt(bc2) + 1e-8);
    }
}
