package dev.valuekit.evaluate;

/**
 * Open-loop error after {@code k} steps: the model (elites' mean, no sampling) is stepped k times from
 * a data row following the data's actions, and its observation is compared with the data's; {@code mse}
 * is averaged over observation dimensions and the {@code starts} windows that stay inside one episode.
 */
public record KStepError(int k, long starts, double mse) {}
