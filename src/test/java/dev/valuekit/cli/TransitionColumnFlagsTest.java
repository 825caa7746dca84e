package dev.valuekit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.testutil.Cli;
import dev.valuekit.testutil.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The column-name flags ({@code --obs-prefix}, {@code --act-prefix}, {@code --next-obs-prefix},
 * {@code --reward-column}) on every command that reads transitions: a real pendulum recording with
 * renamed columns, read with the flags, gives the same models, rollouts and reports as the original.
 */
class TransitionColumnFlagsTest {
    static final String[] NAMES = {"--obs-prefix", "s_", "--act-prefix", "a_", "--next-obs-prefix", "s2_", "--reward-column", "r"};
    static final String[] QUIET = {"--threads", "1", "--quiet"};

    @TempDir static Path dir;
    static String canonical, renamed;

    /** Four episodes of Gymnasium's Pendulum-v1, as recorded and with s_/a_/s2_/r for obs_/act_/next_obs_/reward. */
    @BeforeAll
    static void data() throws Exception {
        List<String> lines = Files.readAllLines(SharedData.dataset("pendulum-random.csv")).subList(0, 801);
        List<String> header = new ArrayList<>();
        for (String c : lines.get(0).split(",")) header.add(rename(c));
        List<String> other = new ArrayList<>(lines);
        other.set(0, String.join(",", header));
        canonical = write("canonical.csv", lines);
        renamed = write("renamed.csv", other);
    }

    static String rename(String column) {
        return column.replaceFirst("^next_obs_", "s2_").replaceFirst("^obs_", "s_").replaceFirst("^act_", "a_").replaceFirst("^reward$", "r");
    }

    /** Quoted column names in a JSON text back to the canonical ones. */
    static String canonicalNames(String json) {
        return json.replaceAll("\"s2_(\\d+)\"", "\"next_obs_$1\"").replaceAll("\"delta_s_(\\d+)\"", "\"delta_obs_$1\"").replaceAll("\"s_(\\d+)\"", "\"obs_$1\"")
                .replaceAll("\"a_(\\d+)\"", "\"act_$1\"").replace("\"r\"", "\"reward\"");
    }

    static String write(String name, List<String> lines) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, lines);
        return p.toString();
    }

    static String p(String name) { return dir.resolve(name).toString(); }

    /** Runs a command twice, on the original data and on the renamed data with the flags; returns both stdouts. */
    static String[] both(String data, String... args) {
        String[] out = new String[2];
        for (int v = 0; v < 2; v++) {
            String file = v == 0 ? canonical : renamed, tag = String.valueOf(v);
            List<String> a = new ArrayList<>(Arrays.asList(args));
            a.replaceAll(s -> s.replace("{v}", tag));
            a.addAll(List.of(data, file));
            if (v == 1) a.addAll(List.of(NAMES));
            a.addAll(List.of(QUIET));
            Cli.Result r = Cli.run(a.toArray(String[]::new));
            assertEquals(0, r.code(), a + "\n" + r);
            out[v] = r.stdout();
        }
        return out;
    }

    /** Same tensors, and the same spec once the column names are mapped back. */
    static void sameModel(String name) {
        Artifact a = Artifacts.read(Path.of(p(name + "0.safetensors"))), b = Artifacts.read(Path.of(p(name + "1.safetensors")));
        assertEquals(a.tensors(), b.tensors(), name);
        assertEquals(a.spec().toString(), canonicalNames(b.spec().toString()), name);
        assertEquals(a.provenance().get("training"), b.provenance().get("training"), name);
    }

    /** A JSON report without the file names it quotes, with canonical column names. */
    static String report(String json) throws Exception {
        ObjectNode o = (ObjectNode) new ObjectMapper().readTree(json);
        o.remove(List.of("model", "data", "source"));
        return canonicalNames(o.toString());
    }

    @Test
    void everyReaderGivesTheSameResultWithTheFlagsOnRenamedColumns() throws Exception {
        both("-i", "train-model", "-o", p("dyn{v}.safetensors"), "--members", "2", "--elites", "1", "--hidden", "8", "--layers", "1",
                "--batch", "64", "--max-epochs", "2", "--seed", "3");
        sameModel("dyn");
        both("-i", "fit-value", "-o", p("v{v}.safetensors"), "--method", "td", "--hidden", "8", "--layers", "1", "--steps", "20",
                "--batch", "32", "--seed", "2");
        sameModel("v");
        both("--input", "svd-adapt", "fit", "--model", p("dyn{v}.safetensors"), "--method", "soma", "--rank", "2", "--max-epochs", "2",
                "--batch", "64", "-o", p("soma{v}.safetensors"));
        assertEquals(Artifacts.read(Path.of(p("soma0.safetensors"))).tensors(), Artifacts.read(Path.of(p("soma1.safetensors"))).tensors());

        String[] sim = both("--input", "evaluate", "model", "--model", "env:pendulum", "--json");
        assertEquals(report(sim[0]), report(sim[1]));
        assertTrue(sim[1].contains("\"s2_0\""), sim[1]);
        String[] learned = both("--input", "evaluate", "model", "--model", p("dyn{v}.safetensors"), "--json", "--k", "1,5");
        assertEquals(report(learned[0]), report(learned[1]));
        String[] value = both("--input", "evaluate", "value", "--model", p("v{v}.safetensors"), "--json");
        assertEquals(report(value[0]), report(value[1]));
        String[] policy = both("--start", "evaluate", "policy", "--policy", "gaussian:0.5", "--env", "pendulum", "--episodes", "2",
                "--discount-steps", "20", "--json", "--seed", "4");
        assertEquals(report(policy[0]), report(policy[1]));

        both("--start", "rollout", "--model", p("dyn{v}.safetensors"), "--horizon", "3", "--starts", "20", "--policy", "gaussian:0.5",
                "--seed", "5", "-o", p("roll{v}.csv"));
        assertArrayEquals(Files.readAllBytes(Path.of(p("roll0.csv"))), Files.readAllBytes(Path.of(p("roll1.csv"))));
    }

    @Test
    void aPrefixThatMatchesNoColumnIsOneLineNamingTheFileAndTheFlag() {
        Cli.Result r = Cli.run("train-model", "-i", renamed, "-o", p("bad.safetensors"), "--obs-prefix", "x_", "--quiet");
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
        assertTrue(r.stderr().startsWith("valuekit train-model: error: missing observation columns x_0..x_{d-1} (" + renamed + "): "),
                r.stderr());
        assertTrue(r.stderr().strip().endsWith("name their prefix with --obs-prefix"), r.stderr());
        assertTrue(Files.notExists(Path.of(p("bad.safetensors"))));

        r = Cli.run("fit-value", "-i", renamed, "-o", p("bad.safetensors"), "--obs-prefix", "s_", "--act-prefix", "a_",
                "--next-obs-prefix", "s2_", "--quiet");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.stderr().startsWith("valuekit fit-value: error: missing column 'reward' (" + renamed + "): "), r.stderr());
        assertTrue(r.stderr().strip().endsWith("--reward-column"), r.stderr());

        r = Cli.run("rollout", "--env", "pendulum", "--start", renamed, "--horizon", "2", "--starts", "2", "-o", p("bad.csv"), "--quiet");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.stderr().contains("(" + renamed + "): ") && r.stderr().strip().endsWith("--obs-prefix"), r.stderr());

        // where no transitions are read, other names are refused rather than ignored
        r = Cli.run("rollout", "--env", "pendulum", "--episodes", "1", "--obs-prefix", "s_", "-o", p("bad.csv"), "--quiet");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.stderr().contains("none are read here: they apply to --start DATA"), r.stderr());
        assertTrue(Files.notExists(Path.of(p("bad.csv"))));
    }
}
