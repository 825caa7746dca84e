package dev.valuekit.cltv.optim;

/** A function to minimise, with its gradient. Non-finite values mean "outside the feasible region". */
public interface Objective {
    double value(double[] x);

    /** Writes ∇f(x) into {@code grad} and returns f(x). */
    double valueAndGradient(double[] x, double[] grad);
}
