package dev.valuekit.testutil;

import dev.valuekit.cli.Io;
import dev.valuekit.cli.Main;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs valuekit command lines in-process, capturing stdout bytes, stderr text and the exit code. */
public final class Cli {
    private Cli() {}

    public record Result(int code, byte[] stdoutBytes, String stderr) {
        public String stdout() { return new String(stdoutBytes, StandardCharsets.UTF_8); }

        @Override public String toString() {
            return "exit " + code + "\n--- stdout ---\n" + (stdoutBytes.length > 4000 ? stdout().substring(0, 4000) + "..." : stdout())
                    + "\n--- stderr ---\n" + stderr;
        }
    }

    public static Result run(String... args) {
        return runWithStdin(new byte[0], args);
    }

    /**
     * Like {@link #run} but also captures what libraries write to the process's own System.err and
     * System.out (slf4j-simple writes there), appended to the result's stderr.
     */
    public static synchronized Result runCapturingProcessStderr(String... args) {
        PrintStream oldErr = System.err, oldOut = System.out;
        ByteArrayOutputStream lib = new ByteArrayOutputStream();
        PrintStream libStream = new PrintStream(lib, true, StandardCharsets.UTF_8);
        System.setErr(libStream);
        System.setOut(libStream);
        try {
            Result r = run(args);
            return new Result(r.code(), r.stdoutBytes(), r.stderr() + withoutHarnessNotices(lib.toString(StandardCharsets.UTF_8)));
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
    }

    /**
     * {@code printed} without the lines the test harness itself writes: when a fuzz test ran earlier in
     * this JVM, Jazzer's agent announces ("INFO: ...") each class it instruments and each growth of its
     * coverage map. (slf4j-simple lines start with the thread, "[main] ...".)
     */
    public static String withoutHarnessNotices(String printed) {
        StringBuilder sb = new StringBuilder();
        printed.lines().filter(l -> !l.startsWith("INFO: ")).forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    public static Result runWithStdin(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = Main.execute(args, new Io(new ByteArrayInputStream(stdin), out, errStream, false));
        errStream.flush();
        return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }
}
