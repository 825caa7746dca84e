package dev.valuekit.spark;

import java.util.Set;

/**
 * One subcommand run as a Spark job: reads the parsed options from the {@link JobContext}, builds the
 * same domain options the CLI builds (so bad values give the same errors) and distributes the work.
 */
interface SparkJob {
    /** The subcommand's own options the job honours; any other given on the line is refused, never ignored. */
    Set<String> options();

    /** Runs the job; returns the exit code. */
    int run(JobContext job) throws Exception;
}
