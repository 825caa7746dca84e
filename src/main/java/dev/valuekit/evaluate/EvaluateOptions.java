package dev.valuekit.evaluate;

/**
 * @param tolerance absolute error above which a row counts as "beyond tolerance"
 * @param seed      for sampling models (built-in environments ignore it)
 */
public record EvaluateOptions(double tolerance, long seed) {
    public static final double DEFAULT_TOLERANCE = 1e-5;
}
