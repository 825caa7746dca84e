package dev.valuekit.spark;

import dev.valuekit.cli.Io;
import dev.valuekit.common.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Runs a parsed valuekit command line: a subcommand with a Spark job runs as that job, any other
 * (training, inspect, --help ...) as valuekit runs it. Failures surface as the CLI's one-line errors
 * and exit codes, a task's bad-input error included.
 */
final class SparkStrategy implements CommandLine.IExecutionStrategy {
    private final Session session;
    private final Io io;

    SparkStrategy(Session session, Io io) {
        this.session = session;
        this.io = io;
    }

    @Override
    public int execute(ParseResult parsed) throws ExecutionException {
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) leaf = leaf.subcommand();
        SparkJob job = leaf.isUsageHelpRequested() || leaf.isVersionHelpRequested() || parsed.isUsageHelpRequested()
                || parsed.isVersionHelpRequested() ? null : SparkJobs.of(leaf.commandSpec().userObject().getClass());
        if (job == null) return new CommandLine.RunLast().execute(parsed);
        CommandLine cl = leaf.commandSpec().commandLine();
        try {
            refuseUnsupported(leaf, job);
            return job.run(new JobContext(leaf.commandSpec(), session, io));
        } catch (Exception e) {
            Exception cause = SparkFailures.unwrap(e);
            throw new ExecutionException(cl, String.valueOf(cause.getMessage()), cause);
        }
    }

    /** An option the Spark job does not implement is an error, not silently dropped. */
    private static void refuseUnsupported(ParseResult leaf, SparkJob job) {
        for (OptionSpec o : leaf.matchedOptions()) {
            if (o.inherited() || o.scopeType() == CommandLine.ScopeType.INHERIT) continue;   // --quiet, --threads, ...
            if (!job.options().contains(o.longestName())) {
                throw new BadInputException(o.longestName() + " is not available in valuekit-spark " + JobContext.name(leaf.commandSpec()),
                        "drop it, or run this step with valuekit on one machine");
            }
        }
    }
}
