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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** Help texts escape a literal percent sign as %% (a format string); man pages must show it as --help does. */
    @Test
    void manPagesShowPercentSignsAsHelpDoes() {
        Io io = new Io(System.in, new ByteArrayOutputStream(), new PrintStream(new ByteArrayOutputStream()), false);
        Map<String, String> fresh = GenerateDocsCommand.render(Main.commandLine(io));
        fresh.forEach((file, text) -> {
            assertFalse(text.contains("%%"), file + " shows a format escape '%%' where --help shows '%'");
            assertFalse(text.contains("%n"), file + " shows a format escape '%n' where --help breaks the line");
        });
        assertTrue(fresh.get("man/valuekit-fit-value.1").contains("more than 1% (gamma"), "fit-value's 1% survives");
        Cli.Result help = Cli.run("fit-value", "--help");
        assertTrue(help.stdout().replaceAll("\\s+", " ").contains("more than 1% (gamma"), help::toString);
        assertEquals("50% of %n rows", ManPageWriter.plain("50%% of %%n rows"));
        assertEquals("a b", ManPageWriter.plain("a%nb"));
    }
}
