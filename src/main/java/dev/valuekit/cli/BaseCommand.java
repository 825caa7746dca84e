package dev.valuekit.cli;

import dev.valuekit.artifact.RunContext;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import dev.valuekit.common.BuildInfo;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.table.Batch;
import dev.valuekit.table.TableWriter;
import dev.valuekit.table.Tables;
import dev.valuekit.table.WriteOptions;
import dev.valuekit.table.ReadOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

import java.lang.reflect.AnnotatedElement;
import java.util.concurrent.Callable;

/**
 * What every subcommand shares: the process streams, the global options and a console for
 * progress. Subclasses parse, open, call domain code and write; they hold no math.
 */
public abstract class BaseCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    private Io io;
    private Console console;

    void attach(Io io) { this.io = io; }

    protected Io io() { return io; }

    protected GlobalOptions global() {
        return ((ValuekitCommand) spec.root().userObject()).global;
    }

    /** "convert", "evaluate model", ... for messages. */
    protected String commandName() { return commandName(spec); }

    static String commandName(CommandSpec spec) {
        String q = spec.qualifiedName();
        int sp = q.indexOf(' ');
        return sp < 0 ? q : q.substring(sp + 1);
    }

    /** Progress and log sink for domain code. */
    protected ProgressListener log() { return console(); }

    /** The same sink for code that runs this command another way (valuekit-spark's jobs). */
    public final ProgressListener listener() { return console(); }

    Console console() {
        if (console == null) console = new Console(io.stderr(), commandName(), global(), io.stderrIsTerminal());
        return console;
    }

    /** The provenance context of a model this command writes: the command line as typed. */
    protected RunContext runContext() {
        return new RunContext("valuekit " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
    }

    /** Writes a whole table to a path atomically (the format from its extension). */
    protected void writeTable(String path, Batch table) throws java.io.IOException {
        try (TableWriter w = Tables.create(openOutput(path), table.schema(), WriteOptions.defaults())) {
            w.write(table);
            w.finish();
        }
    }
    /** Default table-reading options, with the data's warnings going to this command's log. */
    protected ReadOptions readOptions() { return ReadOptions.defaults().withListener(log()); }

    /** An output that appears only on success ({@code -} is stdout). */
    protected AtomicOutput openOutput(String path) {
        return AtomicOutput.open(path, io.stdout(), log());
    }

    @Override
    public final Integer call() throws Exception {
        requireDevice(global().device(), BuildInfo.backend());
        checkOutputs(spec);
        return run();
    }

    /** Pre-flight: every {@link OutputFile} option given (mixins included) must be writable before any work. */
    static void checkOutputs(CommandSpec spec) {
        for (OptionSpec o : spec.options()) {
            if (!(o.userObject() instanceof AnnotatedElement e) || !e.isAnnotationPresent(OutputFile.class)) continue;
            Object value = o.getValue();
            if (value != null) AtomicOutput.preflight(value.toString());
        }
    }

    /** The jar carries one backend (ND4J picks it from the classpath), so --device can only confirm it. */
    static void requireDevice(GlobalOptions.Device wanted, String backend) {
        if (wanted == null) return;
        boolean gpuJar = backend.startsWith("cuda");
        if (wanted == GlobalOptions.Device.gpu && !gpuJar) {
            throw new BadInputException("--device gpu: this valuekit jar carries the CPU backend only",
                    "rebuild with the CUDA backend (mvn -B -Dcuda package, needs CUDA 11.6 drivers) or drop --device gpu");
        }
        if (wanted == GlobalOptions.Device.cpu && gpuJar) {
            throw new BadInputException("--device cpu: this valuekit jar carries the " + backend + " backend only",
                    "use the default build (mvn -B package) for CPU, or drop --device cpu");
        }
    }

    /** Does the work; returns the exit code (0). Throw BadInputException / ComputationException on failure. */
    protected abstract int run() throws Exception;
}
