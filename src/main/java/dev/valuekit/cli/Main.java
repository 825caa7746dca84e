package dev.valuekit.cli;

import dev.valuekit.common.BadInputException;
import dev.valuekit.common.ComputationException;
import dev.valuekit.common.Suggestions;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
        Io io = processIo();
        int code = execute(args, io);
        io.stderr().flush();
        System.exit(code);
    }

    /** This process's streams, with {@code System.out} pointed at stderr so that stdout carries data only. */
    public static Io processIo() {
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        System.setOut(err);
        System.setErr(err);
        boolean tty = "1".equals(System.getenv("VALUEKIT_STDERR_TTY"));
        return new Io(System.in, out, err, tty);
    }

    /** Runs one command line against the given streams and returns the exit code (tests call this). */
    public static int execute(String[] args, Io io) {
        return commandLine(io).execute(args);
    }

    /**
     * Runs one command line with the same parsing, help and error handling, but another way of running
     * the parsed subcommand (valuekit-spark runs the data-parallel ones as Spark jobs). The strategy
     * reports failures as picocli {@code ExecutionException}s so they get the usual one-line errors.
     */
    public static int execute(String[] args, Io io, CommandLine.IExecutionStrategy strategy) {
        return commandLine(io).setExecutionStrategy(strategy).execute(args);
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
            io.stderr().println(prefix + ": error: " + withSuggestion(ex, args) + " see '" + help + "'");
            return 2;
        };
    }

    /**
     * The parse error with the closest valid command, option or choice named ("did you mean ...?").
     * Choices come from the option's completion candidates, which picocli fills for every enum.
     */
    static String withSuggestion(CommandLine.ParameterException ex, String[] args) {
        CommandSpec spec = ex.getCommandLine().getCommandSpec();
        String what = oneLine(ex.getMessage());
        String hint = "";
        // Picocli checks required options before it reports unknown ones; the unknown one is the real mistake.
        String unknown = ex instanceof CommandLine.MissingParameterException ? firstUnknownOption(spec, args) : null;
        if (unknown == null && ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            if (isOptionLike(arg)) unknown = optionName(arg);
        }
        if (unknown != null) {
            what = "unknown option '" + unknown + "'";
            hint = Suggestions.didYouMean(unknown, optionNames(spec));
        } else if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            if (!spec.subcommands().isEmpty()) {
                what = "unknown command '" + arg + "'";
                hint = Suggestions.didYouMean(arg, commandNames(spec));
            }
        } else if (ex.getArgSpec() != null && ex.getValue() != null && ex.getArgSpec().completionCandidates() != null) {
            List<String> choices = new ArrayList<>();
            ex.getArgSpec().completionCandidates().forEach(choices::add);
            hint = Suggestions.didYouMean(ex.getValue(), choices);
        }
        return what + ":" + (hint.isEmpty() ? "" : " " + hint);
    }

    private static String firstUnknownOption(CommandSpec spec, String[] args) {
        for (String a : args) {
            if (a.equals("--")) break;
            if (isOptionLike(a) && spec.findOption(optionName(a)) == null) return optionName(a);
        }
        return null;
    }

    /** "--name", "--name=value", "-x": not "-" (stdin/stdout) and not a negative number. */
    private static boolean isOptionLike(String arg) {
        return arg.startsWith("-") && arg.length() > 1 && !Character.isDigit(arg.charAt(1)) && arg.charAt(1) != '.';
    }

    private static String optionName(String arg) {
        int eq = arg.indexOf('=');
        return eq < 0 ? arg : arg.substring(0, eq);
    }

    private static List<String> optionNames(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (OptionSpec o : spec.options()) if (!o.hidden()) names.addAll(Arrays.asList(o.names()));
        return names;
    }

    private static List<String> commandNames(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        spec.subcommands().forEach((name, cl) -> {
            if (!cl.getCommandSpec().usageMessage().hidden()) names.add(name);
        });
        return names;
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
