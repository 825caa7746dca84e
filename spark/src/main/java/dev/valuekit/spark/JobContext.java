package dev.valuekit.spark;

import dev.valuekit.cli.BaseCommand;
import dev.valuekit.cli.Io;
import dev.valuekit.cli.TableOutputOptions;
import dev.valuekit.common.ProgressListener;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What a job sees: the parsed subcommand's option values (read through picocli's model, so defaults
 * and conversions are exactly valuekit's), the Spark session, the streams and the command's console.
 */
final class JobContext {
    private final CommandSpec spec;
    private final Session session;
    private final Io io;

    JobContext(CommandSpec spec, Session session, Io io) {
        this.spec = spec;
        this.session = session;
        this.io = io;
    }

    /** "predict-cltv score", for messages and the application name. */
    static String name(CommandSpec spec) {
        String q = spec.qualifiedName();
        int sp = q.indexOf(' ');
        return sp < 0 ? q : q.substring(sp + 1);
    }

    String name() { return name(spec); }

    /** The value of an option (its default when not given), by any of its names. */
    @SuppressWarnings("unchecked")
    <T> T option(String name) {
        OptionSpec o = spec.findOption(name);
        if (o == null) throw new IllegalStateException("valuekit " + name() + " has no option " + name);
        return (T) o.getValue();
    }

    boolean given(String name) {
        return spec.commandLine().getParseResult().hasMatchedOption(name);
    }

    /** The command's -o/--format mixin. */
    TableOutputOptions output() {
        return spec.mixins().values().stream().map(CommandSpec::userObject)
                .filter(TableOutputOptions.class::isInstance).map(TableOutputOptions.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("valuekit " + name() + " writes no table"));
    }

    ProgressListener log() {
        return spec.userObject() instanceof BaseCommand b ? b.listener() : ProgressListener.NONE;
    }

    Io io() { return io; }

    /** --threads of the command line (valuekit's default when not given). */
    int threads() {
        Integer t = option("--threads");
        return t != null ? t : Runtime.getRuntime().availableProcessors();
    }

    SparkSession spark() { return session.spark("valuekit " + name()); }

    JavaSparkContext context() { return session.context("valuekit " + name()); }
}
