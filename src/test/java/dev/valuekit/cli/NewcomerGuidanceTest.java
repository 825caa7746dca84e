package dev.valuekit.cli;

import dev.valuekit.testutil.Cli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a first-time user meets: the bare command, typos, and the command list in --help. */
class NewcomerGuidanceTest {
    @Test
    void bareValuekitShowsUsageAndTheCommandListOnStderrWithExitTwo() {
        Cli.Result r = Cli.run();
        assertEquals(2, r.code(), r::toString);
        assertEquals("", r.stdout());
        assertTrue(r.stderr().contains("Usage: valuekit"), r::toString);
        for (String c : List.of("train-model", "fit-value", "rollout", "evaluate", "svd-adapt", "predict-cltv", "convert", "inspect")) {
            assertTrue(r.stderr().contains("\n  " + c + " "), c + " missing from\n" + r.stderr());
        }
        assertFalse(r.stderr().contains("generate-docs"), "hidden commands stay hidden");
        assertTrue(r.stderr().contains("valuekit <command> --help"), r::toString);
    }

    @Test
    void aGroupCommandAloneListsItsCommands() {
        for (String[] g : new String[][] {{"evaluate", "model", "cltv", "policy", "value"},
                {"svd-adapt", "spectrum", "fit", "merge", "export"}, {"predict-cltv", "synth", "features", "fit", "score"}}) {
            Cli.Result r = Cli.run(g[0]);
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.stderr().contains("Usage: valuekit " + g[0]), r::toString);
            for (int i = 1; i < g.length; i++) assertTrue(r.stderr().contains("\n  " + g[i] + " "), g[i] + " in\n" + r.stderr());
        }
    }

    @Test
    void aMistypedCommandOrOptionNamesTheClosestOne() {
        assertSuggests(Cli.run("trian-model"), "unknown command 'trian-model'", "did you mean 'train-model'?");
        assertSuggests(Cli.run("evaluate", "modle"), "unknown command 'modle'", "did you mean 'model'?");
        assertSuggests(Cli.run("train-model", "--epochs", "3"), "unknown option '--epochs'", "did you mean '--max-epochs'?");
        assertSuggests(Cli.run("rollout", "--episods=3"), "unknown option '--episods'", "did you mean '--episodes'?");
        assertSuggests(Cli.run("--log-format", "jsn", "--version"), "--log-format", "did you mean 'json'?");
        assertSuggests(Cli.run("rollout", "--env", "pendelum", "--episodes", "1", "-o", "-"), "unknown environment 'pendelum'",
                "did you mean 'pendulum'?");
        assertSuggests(Cli.run("rollout", "--env", "pendulum", "--env-param", "gg=9", "--episodes", "1", "-o", "-"),
                "unknown parameter 'gg'", "did you mean 'g'?");
        assertSuggests(Cli.run("rollout", "--env", "pendulum", "--policy", "randm", "--episodes", "1", "-o", "-"),
                "unknown policy 'randm'", "did you mean 'random'?");
        Cli.Result far = Cli.run("train-model", "--zzzzzz");
        assertEquals(2, far.code());
        assertFalse(far.stderr().contains("did you mean"), "nothing is close: no guess\n" + far.stderr());
    }

    /**
     * Every option of every command that takes one of a fixed set of values (every enum, and whatever
     * lists completion candidates) answers a one-letter typo of each value with that value.
     */
    @Test
    void everyChoiceOptionSuggestsTheNearestValue() {
        List<String> checked = new ArrayList<>();
        for (CommandSpec spec : allCommands(Main.commandLine(quietIo()).getCommandSpec())) {
            for (OptionSpec o : spec.options()) {
                if (o.hidden() || o.completionCandidates() == null || o.arity().max() == 0) continue;
                List<String> choices = new ArrayList<>();
                o.completionCandidates().forEach(choices::add);
                for (String choice : choices) {
                    List<String> args = new ArrayList<>(List.of(spec.qualifiedName().split(" ")));
                    args.remove(0);
                    args.add(o.longestName() + "=" + choice + "q");
                    Cli.Result r = Cli.run(args.toArray(String[]::new));
                    assertEquals(2, r.code(), args + "\n" + r);
                    assertTrue(r.stderr().contains("did you mean") && r.stderr().contains("'" + choice + "'"), args + "\n" + r);
                    assertEquals(1, r.stderr().strip().lines().count(), r::toString);
                    checked.add(spec.qualifiedName() + " " + o.longestName());
                }
            }
        }
        assertTrue(checked.size() > 3, "choice options checked: " + checked);
    }

    /** valuekit --help (and each group's --help) lists one command per line, within 80 columns. */
    @Test
    void theCommandListHasOneShortLinePerCommand() {
        for (String[] args : new String[][] {{"--help"}, {"evaluate", "--help"}, {"svd-adapt", "--help"}, {"predict-cltv", "--help"}}) {
            Cli.Result r = Cli.run(args);
            assertEquals(0, r.code(), r::toString);
            String out = r.stdout();
            String list = out.substring(out.indexOf("Commands:\n") + "Commands:\n".length());
            list = list.substring(0, list.indexOf("\n\n"));
            for (String line : list.split("\n")) {
                assertTrue(line.matches("  [a-z-]+ +\\S.*"), "one line per command, no continuation: '" + line + "'\n" + out);
                assertTrue(line.length() <= 80, "too wide: " + line);
            }
        }
        for (CommandSpec spec : allCommands(Main.commandLine(quietIo()).getCommandSpec())) {
            String[] header = spec.usageMessage().header();
            assertTrue(header.length == 1, spec.qualifiedName() + " needs a one-line header (its entry in the command list)");
            assertTrue(header[0].length() <= 70, spec.qualifiedName() + ": header over 70 characters: " + header[0]);
        }
    }

    private static void assertSuggests(Cli.Result r, String what, String suggestion) {
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.stderr().contains(what), "expected '" + what + "' in\n" + r);
        assertTrue(r.stderr().contains(suggestion), "expected '" + suggestion + "' in\n" + r);
        assertEquals(1, r.stderr().strip().lines().count(), r::toString);
    }

    static List<CommandSpec> allCommands(CommandSpec root) {
        List<CommandSpec> out = new ArrayList<>();
        for (CommandLine sub : root.subcommands().values()) {
            CommandSpec s = sub.getCommandSpec();
            if (s.name().equals("help") || out.contains(s)) continue;
            out.add(s);
            out.addAll(allCommands(s));
        }
        return out;
    }

    private static Io quietIo() {
        return new Io(System.in, new ByteArrayOutputStream(), new PrintStream(new ByteArrayOutputStream()), false);
    }
}
