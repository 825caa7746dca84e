package dev.valuekit.value;

/**
 * The asymmetric squared loss of expectile regression (IQL, Kostrikov et al. 2021, eq. 5):
 * {@code L₂^τ(u) = |τ − 1(u < 0)|·u²}, u = target − prediction. Its minimiser over a constant is the τ-expectile
 * of the targets: τ = 0.5 is the mean, τ → 1 approaches the maximum. IQL fits V(s) to Q(s, a) with τ > 0.5, so V
 * tracks an upper expectile of Q over the data's actions without querying actions the data lacks.
 */
public final class Expectile {
    private Expectile() {}

    public static double loss(double u, double tau) {
        return weight(u, tau) * u * u;
    }

    /** dL/du = 2·|τ − 1(u < 0)|·u (the weight is constant on each side of 0). */
    public static double derivative(double u, double tau) {
        return 2 * weight(u, tau) * u;
    }

    static double weight(double u, double tau) {
        return u < 0 ? 1 - tau : tau;
    }
}
