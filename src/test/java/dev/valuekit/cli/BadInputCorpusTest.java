package dev.valuekit.cli;

import dev.valuekit.testutil.Cli;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every case of testdata/bad/cases.tsv through the CLI: each must exit 2 with exactly one
 * stderr line containing the expected fragment, no stack trace, and no output file.
 */
class BadInputCorpusTest {
    static final Path BAD = Path.of("testdata/bad").toAbsolutePath();

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyBadInputExitsTwoWithOneLine() throws IOException {
        List<String> lines = Files.readAllLines(BAD.resolve("cases.tsv"), StandardCharsets.UTF_8);
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            assertEquals(3, f.length, "cases.tsv line needs name<TAB>args<TAB>fragment: " + line);
            tests.add(DynamicTest.dynamicTest(f[0], () -> check(f[1], f[2])));
        }
        assertFalse(tests.isEmpty(), "no cases in testdata/bad/cases.tsv");
        return tests.stream();
    }

    private void check(String argLine, String fragment) throws IOException {
        Path dir = Files.createTempDirectory(tmp, "case");
        Path out = dir.resolve("out-" + System.nanoTime());
        String[] args = argLine.trim().split(" +");
        for (int i = 0; i < args.length; i++) {
            args[i] = args[i].replace("{bad}", BAD.toString()).replace("{out}", out.toString());
        }
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.code(), () -> "exit code for: " + argLine + "\n" + r);
        String err = r.stderr().strip();
        assertEquals(1, err.lines().count(), () -> "stderr must be one line for: " + argLine + "\n" + r);
        assertTrue(err.startsWith("valuekit "), () -> "error line format: " + err);
        assertTrue(err.contains(": error: "), () -> "error line format: " + err);
        assertTrue(err.toLowerCase().contains(fragment.toLowerCase()),
                () -> "expected '" + fragment + "' in: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), () -> "stack trace or exception name: " + err);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "no output (or temp) file may be left behind");
        }
    }
}
