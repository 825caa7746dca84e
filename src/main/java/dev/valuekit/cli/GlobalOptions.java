package dev.valuekit.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every subcommand accepts, before or after its name (picocli INHERIT scope). */
public final class GlobalOptions {
    public enum LogFormat { text, json }

    public enum Device { cpu, gpu }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print only warnings and errors on stderr; no progress bar.")
    boolean quiet;

    @Option(names = "--log-format", scope = ScopeType.INHERIT, paramLabel = "text|json",
            description = "Log lines on stderr as text (default) or as one JSON object per line (for CI).")
    LogFormat logFormat = LogFormat.text;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Show stack traces on errors.")
    boolean debug;

    @Option(names = "--threads", scope = ScopeType.INHERIT, paramLabel = "N",
            description = "Bound CPU threads (ND4J, BLAS and valuekit's own). Default: all cores.")
    Integer threads;

    @Option(names = "--device", scope = ScopeType.INHERIT, paramLabel = "cpu|gpu",
            description = "Where tensor math runs. A jar carries one ND4J backend: cpu (the default build) or gpu (built "
                    + "with mvn -Dcuda package); asking for the other is an error (exit 2). Default: the jar's backend.")
    Device device;

    public boolean quiet() { return quiet; }
    /** The requested device, or null when the jar's own backend is fine. */
    public Device device() { return device; }
    public boolean debug() { return debug; }
    public LogFormat logFormat() { return logFormat; }

    /** The thread bound, or the number of available processors. */
    public int threads() {
        return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
