package dev.valuekit.cli;

import dev.valuekit.testutil.Cli;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code rollout} and {@code evaluate} lines of testdata/bad/cases.tsv: exit 2, one line, no trace, no output. */
class RolloutEvaluateBadInputCorpusTest {
    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> rolloutAndEvaluateCases() throws IOException {
        Path bad = Path.of("testdata/bad").toAbsolutePath();
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(bad.resolve("cases.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            if (!f[1].startsWith("rollout ") && !f[1].startsWith("evaluate ")) continue;
            Path out = tmp.resolve("out" + n++ + ".arrow");
            String command = f[1].startsWith("rollout ") ? "rollout" : "evaluate " + f[1].split(" ")[1];
            tests.add(DynamicTest.dynamicTest(f[0], () -> {
                String[] args = f[1].replace("{bad}", bad.toString()).replace("{out}", out.toString()).split(" ");
                Cli.Result r = Cli.run(args);
                assertEquals(2, r.code(), r.toString());
                String err = r.stderr().strip();
                assertFalse(err.contains("\n"), "one line: " + err);
                assertFalse(err.contains("\tat "), err);
                assertTrue(err.startsWith("valuekit " + command + ": error: "), err);
                assertTrue(err.contains(f[2]), "expected '" + f[2] + "' in: " + err);
                assertFalse(Files.exists(out), "output created: " + out);
                try (var left = Files.list(tmp)) {
                    assertEquals(0, left.filter(p -> p.getFileName().toString().endsWith(".tmp")).count(), "temporary left behind");
                }
            }));
        }
        assertTrue(tests.size() >= 9, "rollout/evaluate cases found: " + tests.size());
        return tests.stream();
    }
}
