package dev.valuekit.spark;

import dev.valuekit.common.BadInputException;
import dev.valuekit.common.ComputationException;

/**
 * A task's failure reaches the driver wrapped in Spark's exceptions; the user should see the same
 * one-line error (and exit code) as on one machine, so the valuekit exception inside is unwrapped.
 */
final class SparkFailures {
    private SparkFailures() {}

    static Exception unwrap(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadInputException || t instanceof ComputationException) return (Exception) t;
        }
        return e;
    }
}
