package dev.valuekit.testutil;

import dev.valuekit.common.BadInputException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The contract every reader's fuzz target checks: an input is accepted, or rejected with a
 * {@link BadInputException} whose message is one bounded line; any other exception or error is a
 * finding (Jazzer reports it and saves the input), and so is anything a library prints to the
 * process's stderr or stdout while reading.
 */
public final class FuzzContract {
    /** A reader's work on one input. */
    public interface Read {
        void run() throws Exception;
    }

    private FuzzContract() {}

    public static synchronized void check(Read read) throws Exception {
        PrintStream oldErr = System.err, oldOut = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        System.setOut(capture);
        try {
            read.run();
        } catch (BadInputException e) {
            String m = e.getMessage();
            if (m.contains("\n") || m.length() > 2000) throw new AssertionError("bad-input message is not one short line: " + m.length() + " chars");
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
        String library = Cli.withoutHarnessNotices(printed.toString(StandardCharsets.UTF_8)).lines().findFirst().orElse(null);
        if (library != null) throw new AssertionError("a library printed while reading: " + library);
    }
}
