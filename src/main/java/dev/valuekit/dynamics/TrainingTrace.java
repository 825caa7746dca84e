package dev.valuekit.dynamics;

import dev.valuekit.fit.HoldoutSplit;

/**
 * Observes a training run step by step: the starting weights, the holdout split, every member's row order
 * of each epoch and the loss of every minibatch step. It exists for the swap test against the PyTorch
 * reference ({@code bench/dynamics_swap.sh}): handing one run's initial weights and orders to the other
 * implementation separates differences in the math from differences in random draws.
 */
public interface TrainingTrace {
    TrainingTrace NONE = new TrainingTrace() {};

    /** Before the first step, with the freshly initialised network (not called when resuming). */
    default void start(DynamicsNetwork net, HoldoutSplit split) {}

    /** Each member's order of the training rows for this epoch (positions in {@code split.train()}). */
    default void epoch(int epoch, int[][] order) {}

    /** After the gradient of a minibatch step, before the update: the training objective of the step. */
    default void step(int epoch, int step, double loss) {}

    /** Each member's holdout MSE after the epoch. */
    default void holdout(int epoch, double[] mse) {}
}
