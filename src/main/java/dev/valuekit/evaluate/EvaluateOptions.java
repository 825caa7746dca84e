package dev.valuekit.evaluate;

import dev.valuekit.common.BadInputException;

/**
 * @param tolerance     absolute error above which a row counts as "beyond tolerance"
 * @param seed          for sampling models (built-in environments ignore it)
 * @param obsPrefix     observation columns ({@code obs_} for obs_0, obs_1, ...)
 * @param actPrefix     action columns
 * @param nextObsPrefix next-observation columns
 */
public record EvaluateOptions(double tolerance, long seed, String obsPrefix, String actPrefix, String nextObsPrefix) {
    public static final double DEFAULT_TOLERANCE = 1e-5;

    public EvaluateOptions {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new BadInputException("--tolerance must be a finite number >= 0, got " + tolerance, "e.g. --tolerance 1e-5");
        }
        if (obsPrefix == null) obsPrefix = "obs_";
        if (actPrefix == null) actPrefix = "act_";
        if (nextObsPrefix == null) nextObsPrefix = "next_obs_";
    }

    /** The canonical column prefixes. */
    public EvaluateOptions(double tolerance, long seed) {
        this(tolerance, seed, "obs_", "act_", "next_obs_");
    }
}
