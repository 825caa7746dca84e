package dev.valuekit.common;

import java.util.Map;

/**
 * How domain code reports what it is doing without printing: the CLI turns these calls into a
 * progress bar, text log lines or JSON log lines on stderr.
 */
public interface ProgressListener {
    /** A unit of work with {@code total} steps starts (total 0 when unknown). */
    default void start(String task, long total) {}

    /** {@code done} of the current task's steps are finished. */
    default void advance(long done) {}

    /** The current task ended. */
    default void finish() {}

    /** A human-readable message worth showing unless --quiet. */
    default void info(String message) {}

    /** A warning: shown even when --quiet. */
    default void warn(String message) {}

    /** Structured numbers (epoch losses, ...): a JSON object in --log-format json, a line otherwise. */
    default void metrics(String event, Map<String, ?> values) {}

    ProgressListener NONE = new ProgressListener() {};
}
