package dev.valuekit.cli;

import dev.valuekit.testutil.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every example in README.md's shell blocks runs as written with valuekit alone, in order, in one
 * directory (later examples read earlier ones' files), through bash with {@code valuekit} on the PATH
 * (the launcher). Scaled down so CI stays quick: work-size options are capped ({@link #CAPS}), long
 * defaults are shortened ({@link #SHORTEN}), and data sets from ../shared are cut to their first rows;
 * without ../shared the pendulum data sets are generated and the CDNOW examples are skipped (said on
 * stderr). Only {@code bin/demo} and {@code mvn} lines (the build's own steps) and {@code spark-submit}
 * (needs a cluster) are not run.
 */
class ReadmeExamplesIT {
    static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Pattern SHARED_FILE = Pattern.compile("\\.\\./shared/datasets/([A-Za-z0-9._-]+)");
    private static final int ROWS_KEPT = 1500;
    private static final List<String> NOT_RUN = List.of("bin/demo", "mvn", "spark-submit");
    /** Files an example writes: what a later example cannot read when this one was skipped. */
    private static final Pattern OUTPUT = Pattern.compile("(?:-o|--output|--merge|--peft-dir)[ =](\\S+)");

    /** Options that set how much work a command does, and the most this test lets them ask for. */
    static final Map<String, Integer> CAPS = Map.of("--episodes", 3, "--steps", 40, "--max-epochs", 2, "--epochs", 2,
            "--starts", 100, "--customers", 300);

    /** Commands whose defaults run long, and the option the test adds when the example does not set it. */
    static final Map<Pattern, String> SHORTEN = new LinkedHashMap<>();
    static {
        SHORTEN.put(Pattern.compile("^valuekit train-model "), "--max-epochs");
        SHORTEN.put(Pattern.compile("^valuekit fit-value "), "--steps");
        SHORTEN.put(Pattern.compile("^valuekit svd-adapt fit "), epochOption("svd-adapt", "fit"));
        SHORTEN.put(Pattern.compile("^valuekit predict-cltv fit .*--(method|model) (ziln|optdist)"), epochOption("predict-cltv", "fit"));
    }

    /** --max-epochs, or --epochs where the command still calls it that. */
    private static String epochOption(String... command) {
        CommandLine cl = Main.commandLine(new Io(System.in, new ByteArrayOutputStream(), new PrintStream(new ByteArrayOutputStream()), false));
        for (String c : command) cl = cl.getSubcommands().get(c);
        return cl.getCommandSpec().findOption("--max-epochs") != null ? "--max-epochs" : "--epochs";
    }

    @TempDir
    Path tmp;

    record Example(int line, String text) {}

    @Test
    void everyReadmeExampleRunsWithValuekitAlone() throws Exception {
        List<Example> examples = examples(Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8));
        assertTrue(examples.size() >= 5, "README examples found: " + examples.size());
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("valuekit"), ROOT.resolve("bin/valuekit"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path data = Files.createDirectories(tmp.resolve("data"));
        int ran = 0;
        List<String> unmade = new ArrayList<>();
        for (Example ex : examples) {
            String script = scaled(ex.text());
            String skip = null;
            Matcher m = SHARED_FILE.matcher(script);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                Path small = data.resolve(m.group(1));
                if (!Files.exists(small) && !smallCopy(m.group(1), small, bin)) skip = "../shared/datasets/" + m.group(1);
                m.appendReplacement(sb, Matcher.quoteReplacement(small.toString()));
            }
            m.appendTail(sb);
            for (String missing : unmade) if (skip == null && mentions(script, missing)) skip = missing + " (made by a skipped example)";
            if (skip != null) {
                System.err.println("README example at line " + ex.line() + " skipped: " + skip + " is not there");
                Matcher out = OUTPUT.matcher(script);
                while (out.find()) if (!out.group(1).equals("-")) unmade.add(out.group(1));
                continue;
            }
            Result r = bash(work, bin, "set -euo pipefail\n" + sb);
            if (r.code() != 0) {
                fail("README example at line " + ex.line() + " failed (exit " + r.code() + ") as run here:\n" + sb
                        + "\n--- stderr ---\n" + r.err());
            }
            ran++;
        }
        assertTrue(ran > 0, "no README example ran");
    }

    @Test
    void theReadmeParsesIntoValuekitExamples() throws IOException {
        List<Example> examples = examples(Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8));
        assertTrue(examples.size() >= 10, "README examples found: " + examples.size());
    }

    @Test
    void scalingCapsWorkAndKeepEverythingElse() {
        assertEquals("valuekit rollout --env pendulum --episodes 3 --seed 1 -o p.arrow",
                scaled("valuekit rollout --env pendulum --episodes 100 --seed 1 -o p.arrow"));
        assertEquals("valuekit fit-value -i d.csv --method sac \\\n    --steps 40 -o a.safetensors",
                scaled("valuekit fit-value -i d.csv --method sac \\\n    --steps 20000 -o a.safetensors"));
        assertEquals("valuekit train-model -i d.csv -o m.safetensors --max-epochs 2",
                scaled("valuekit train-model -i d.csv -o m.safetensors"));
        assertEquals("# comment\nvaluekit rollout --env cartpole --episodes 2 -o - | valuekit convert - -o c.csv",
                scaled("# comment\nvaluekit rollout --env cartpole --episodes 2 -o - | valuekit convert - -o c.csv"));
    }

    private static boolean mentions(String script, String file) {
        return Pattern.compile("(^|[\\s=])" + Pattern.quote(file) + "($|\\s)", Pattern.MULTILINE).matcher(script).find();
    }

    /** The README's examples: each run of non-blank lines inside a ```sh block; commands other than valuekit fail the test. */
    static List<Example> examples(String readme) {
        List<Example> out = new ArrayList<>();
        String[] lines = readme.split("\n", -1);
        boolean inBlock = false;
        boolean skipping = false;   // inside a command that is not run, continued with a backslash
        StringBuilder cur = new StringBuilder();
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.startsWith("```")) {
                inBlock = !inBlock && l.trim().equals("```sh");
                flush(out, cur, start);
                continue;
            }
            if (!inBlock) continue;
            if (l.isBlank()) {
                flush(out, cur, start);
                continue;
            }
            if (skipping) {
                skipping = l.stripTrailing().endsWith("\\");
                continue;
            }
            String first = l.trim().split("\\s+")[0];
            boolean continuation = cur.length() > 0 && cur.toString().stripTrailing().endsWith("\\");
            if (!continuation && !first.startsWith("#")) {
                if (NOT_RUN.contains(first)) {
                    skipping = l.stripTrailing().endsWith("\\");
                    continue;
                }
                assertEquals("valuekit", first, "README line " + (i + 1) + " runs '" + first + "': examples must run with valuekit alone");
            }
            if (cur.length() == 0) start = i + 1;
            cur.append(l).append('\n');
        }
        return out;
    }

    private static void flush(List<Example> out, StringBuilder cur, int start) {
        if (cur.toString().lines().anyMatch(l -> !l.trim().startsWith("#"))) out.add(new Example(start, cur.toString().stripTrailing()));
        cur.setLength(0);
    }

    /** The example with work-size options capped and long defaults shortened; nothing else changes. */
    static String scaled(String example) {
        String s = example;
        for (Map.Entry<String, Integer> c : CAPS.entrySet()) {
            Matcher m = Pattern.compile("(" + Pattern.quote(c.getKey()) + "[ =])(\\d+)").matcher(s);
            StringBuilder sb = new StringBuilder();
            while (m.find()) m.appendReplacement(sb, m.group(1) + Math.min(Long.parseLong(m.group(2)), c.getValue()));
            m.appendTail(sb);
            s = sb.toString();
        }
        List<String> commands = new ArrayList<>();
        for (String cmd : s.split("(?<!\\\\)\n")) {
            String joined = cmd.replace("\\\n", " ");
            String add = "";
            String[] parts = joined.split("\\|");
            String last = parts[parts.length - 1].trim();   // an added option goes to the line's last command
            for (Map.Entry<Pattern, String> e : SHORTEN.entrySet()) {
                if (e.getKey().matcher(last).find() && !last.contains(e.getValue() + " ") && !last.contains(e.getValue() + "=")) {
                    add = " " + e.getValue() + " " + CAPS.get(e.getValue());
                }
            }
            commands.add(cmd + add);
        }
        return String.join("\n", commands);
    }

    /** A short copy of a shared data set (its first rows), or a generated stand-in; false when neither is possible. */
    private boolean smallCopy(String name, Path target, Path bin) throws IOException, InterruptedException {
        Path source = SharedData.root().resolve("datasets").resolve(name);
        if (Files.isRegularFile(source)) {
            try (Stream<String> lines = Files.lines(source, StandardCharsets.ISO_8859_1)) {
                Files.write(target, (Iterable<String>) lines.limit(ROWS_KEPT + 1)::iterator, StandardCharsets.ISO_8859_1);
            }
            return true;
        }
        if (name.startsWith("pendulum-")) {
            Result r = bash(tmp, bin, "valuekit rollout --env pendulum --episodes 5 --policy gaussian:0.5 --seed 1 --quiet -o '" + target + "'");
            assertEquals(0, r.code(), r.err());
            return true;
        }
        return false;
    }

    record Result(int code, String err) {}

    private static Result bash(Path dir, Path bin, String script) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(dir.toFile());
        pb.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
        File err = Files.createTempFile("readme-err", ".txt").toFile();
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err).redirectInput(new File("/dev/null"));
        Process p = pb.start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("timed out: " + script);
        }
        return new Result(p.exitValue(), Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }
}
