package dev.valuekit.evaluate;

import dev.valuekit.common.BadInputException;
import dev.valuekit.table.TransitionNames;

/**
 * @param tolerance absolute error above which a row counts as "beyond tolerance"
 * @param seed      for sampling models (built-in environments ignore it)
 * @param columns   the names of the data's transition columns (null = canonical)
 */
public record EvaluateOptions(double tolerance, long seed, TransitionNames columns) {
    public static final double DEFAULT_TOLERANCE = 1e-5;

    public EvaluateOptions {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new BadInputException("--tolerance must be a finite number >= 0, got " + tolerance, "e.g. --tolerance 1e-5");
        }
        if (columns == null) columns = TransitionNames.CANONICAL;
    }

    /** With the canonical column names. */
    public EvaluateOptions(double tolerance, long seed) {
        this(tolerance, seed, TransitionNames.CANONICAL);
    }
}
