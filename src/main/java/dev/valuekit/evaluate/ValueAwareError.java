package dev.valuekit.evaluate;

/**
 * VaGraM's value-aware model error on transitions, {@code mean_rows (V(s') − V(ŝ'))²}, where s' is the
 * data's next observation and ŝ' = s + Δ̂ a mean prediction: of the elites' mean (the prediction the
 * rest of the report scores) and of every member alone.
 *
 * @param value      the value file
 * @param eliteMean  the error of the elites' mean prediction
 * @param members    the error of each member's mean prediction, by member index
 * @param elites     the elite member indices
 * @param meanValue  mean V(s') over the rows, for scale
 */
public record ValueAwareError(String value, long rows, double eliteMean, double[] members, int[] elites, double meanValue) {}
