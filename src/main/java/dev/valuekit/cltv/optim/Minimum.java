package dev.valuekit.cltv.optim;

/** Where a minimiser stopped: the point, the value there, the iterations used and whether it converged. */
public record Minimum(double[] x, double value, int iterations, boolean converged) {}
