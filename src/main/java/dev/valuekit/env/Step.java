package dev.valuekit.env;

/** The outcome of one environment step: the next internal state, the reward and whether it is terminal. */
public record Step(double[] state, double reward, boolean terminated) {}
