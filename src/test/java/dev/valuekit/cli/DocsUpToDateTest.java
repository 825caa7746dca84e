package dev.valuekit.cli;

import dev.valuekit.testutil.Cli;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The committed completion script and man pages must equal a fresh rendering of the command model. */
class DocsUpToDateTest {
    private static final String HOW = " is stale: run `bin/valuekit generate-docs` and commit the result";

    @Test
    void committedDocsMatchTheCommandModel() throws IOException {
        Io io = new Io(System.in, new ByteArrayOutputStream(), new PrintStream(new ByteArrayOutputStream()), false);
        Map<String, String> fresh = GenerateDocsCommand.render(Main.commandLine(io));
        for (Map.Entry<String, String> e : fresh.entrySet()) {
            Path p = Path.of(e.getKey());
            String committed = Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "(missing)";
            assertEquals(e.getValue(), committed, e.getKey() + HOW);
        }
        Set<String> pages;
        try (Stream<Path> s = Files.list(Path.of("man"))) {
            pages = s.map(p -> "man/" + p.getFileName()).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> expected = fresh.keySet().stream().filter(k -> k.startsWith("man/")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, pages, "man/" + HOW);
    }

    @Test
    void everySubcommandHelpEndsWithExamples() {
        Io io = new Io(System.in, new ByteArrayOutputStream(), new PrintStream(new ByteArrayOutputStream()), false);
        Main.commandLine(io).getSubcommands().forEach((name, cl) -> {
            if (cl.getCommandSpec().usageMessage().hidden() || name.equals("help")) return;
            Cli.Result r = Cli.run(name, "--help");
            assertEquals(0, r.code(), name + " --help");
            assertEquals(true, r.stdout().contains("Examples:"), name + " --help must end with worked examples:\n" + r.stdout());
        });
    }
}
