package dev.valuekit.cli;

import dev.valuekit.common.BadInputException;
import dev.valuekit.common.ComputationException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Entry point. Keeps stdout for data: the real descriptor 1 is handed to commands as a private
 * stream and {@code System.out} is pointed at stderr before any library (ND4J prints) can load.
 */
public final class Main {
    /** Exit status when the reader of our stdout went away ({@code valuekit ... | head}); as for SIGPIPE. */
    static final int BROKEN_PIPE = 141;

    private Main() {}

    /** Level of library log lines (slf4j-simple) under --debug; without it they are off (simplelogger.properties). */
    static final String DEBUG_LOG_LEVEL = "info";

    public static void main(String[] args) {
        // Read once, when the first logger is made: decide before any library loads.
        if (java.util.Arrays.asList(args).contains("--debug")) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", DEBUG_LOG_LEVEL);
        }
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        System.setOut(err);
        System.setErr(err);
        boolean tty = "1".equals(System.getenv("VALUEKIT_STDERR_TTY"));
        int code = execute(args, new Io(System.in, out, err, tty));
        err.flush();
        System.exit(code);
    }

    /** Runs one command line against the given streams and returns the exit code (tests call this). */
    public static int execute(String[] args, Io io) {
        return commandLine(io).execute(args);
    }

    static CommandLine commandLine(Io io) {
        CommandLine cl = new CommandLine(new ValuekitCommand(), new Factory(io));
        // Subcommands first: picocli applies setOut/setErr and the handlers only to commands present.
        for (Class<?> c : Subcommands.ALL) cl.addSubcommand(c);
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(io.stdout(), StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(io.stderr(), true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        Choices.register(cl);
        cl.setParameterExceptionHandler(parameterHandler(io));
        cl.setExecutionExceptionHandler(executionHandler(io));
        return cl;
    }

    /** Creates command objects and hands them the streams. */
    private record Factory(Io io) implements CommandLine.IFactory {
        @Override public <K> K create(Class<K> cls) throws Exception {
            K k = CommandLine.defaultFactory().create(cls);
            if (k instanceof BaseCommand b) b.attach(io);
            return k;
        }
    }

    private static IParameterExceptionHandler parameterHandler(Io io) {
        return (ex, args) -> {
            CommandSpec spec = ex.getCommandLine().getCommandSpec();
            String name = BaseCommand.commandName(spec);
            String prefix = spec.root() == spec ? "valuekit" : "valuekit " + name;
            String help = spec.root() == spec ? "valuekit --help" : "valuekit " + name + " --help";
            io.stderr().println(prefix + ": error: " + oneLine(ex.getMessage()) + ": see '" + help + "'");
            return 2;
        };
    }

    private static IExecutionExceptionHandler executionHandler(Io io) {
        return (Exception ex, CommandLine cl, ParseResult parsed) -> {
            CommandSpec spec = cl.getCommandSpec();
            Object user = spec.userObject();
            Console console = user instanceof BaseCommand b ? b.console()
                    : new Console(io.stderr(), BaseCommand.commandName(spec), new GlobalOptions(), false);
            boolean debug = ((ValuekitCommand) spec.root().userObject()).global.debug();
            String prefix = "valuekit " + BaseCommand.commandName(spec) + ": error: ";
            if (isBrokenPipe(ex)) return BROKEN_PIPE;
            int code;
            String message;
            if (ex instanceof BadInputException) {
                code = 2;
                message = ex.getMessage();
            } else if (ex instanceof ComputationException) {
                code = 1;
                message = ex.getMessage();
            } else {
                code = 1;
                message = "internal error: " + ex.getClass().getSimpleName() + ": " + oneLine(String.valueOf(ex.getMessage()))
                        + (debug ? "" : " (rerun with --debug for a stack trace)");
            }
            console.error(prefix + message);
            if (debug) ex.printStackTrace(io.stderr());
            return code;
        };
    }

    private static boolean isBrokenPipe(Throwable t) {
        for (; t != null; t = t.getCause()) {
            if (t instanceof IOException && t.getMessage() != null
                    && (t.getMessage().contains("Broken pipe") || t.getMessage().contains("Stream closed"))) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ').trim();
    }
}
