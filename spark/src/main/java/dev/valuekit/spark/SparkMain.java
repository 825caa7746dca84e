package dev.valuekit.spark;

import dev.valuekit.cli.Io;
import dev.valuekit.cli.Main;

/**
 * valuekit-spark: valuekit's command line with its data-parallel subcommands run as Spark jobs (see
 * {@link SparkJobs}); every other subcommand runs on the driver exactly as {@code valuekit} runs it.
 * Adds {@code --master URL} (default {@code local[*]}, or whatever spark-submit set) and
 * {@code --conf key=value}.
 */
public final class SparkMain {
    private SparkMain() {}

    public static void main(String[] args) {
        Io io = Main.processIo();
        int code = execute(args, io);
        io.stderr().flush();
        System.exit(code);
    }

    /** Runs one command line and returns the exit code; a Spark session is started only when a job needs one. */
    public static int execute(String[] args, Io io) {
        SparkSettings settings;
        try {
            settings = SparkSettings.extract(args);
        } catch (IllegalArgumentException e) {
            io.stderr().println("valuekit-spark: error: " + e.getMessage());
            return 2;
        }
        try (Session session = new Session(settings)) {
            return Main.execute(settings.rest(), io, new SparkStrategy(session, io));
        }
    }
}
