package dev.valuekit.evaluate;

/**
 * @param tolerance     absolute error above which a row counts as "beyond tolerance"
 * @param seed          for sampling models (built-in environments ignore it)
 * @param obsPrefix     observation columns ({@code obs_} for obs_0, obs_1, ...)
 * @param actPrefix     action columns
 * @param nextObsPrefix next-observation columns
 */
public record EvaluateOptions(double tolerance, long seed, String obsPrefix, String actPrefix, String nextObsPrefix) {
    public static final double DEFAULT_TOLERANCE = 1e-5;

    /** The canonical column prefixes. */
    public EvaluateOptions(double tolerance, long seed) {
        this(tolerance, seed, "obs_", "act_", "next_obs_");
    }
}
