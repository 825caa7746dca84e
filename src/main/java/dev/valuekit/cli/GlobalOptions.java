package dev.valuekit.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every subcommand accepts, before or after its name (picocli INHERIT scope). */
public final class GlobalOptions {
    public enum LogFormat { text, json }

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

    public boolean quiet() { return quiet; }
    public boolean debug() { return debug; }
    public LogFormat logFormat() { return logFormat; }

    /** The thread bound, or the number of available processors. */
    public int threads() {
        return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
