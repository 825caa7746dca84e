package dev.valuekit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.testutil.Cli;
import dev.valuekit.testutil.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The offline-RL methods through the real command line on the pendulum data, with tiny networks and few steps. */
class OfflineRlCommandTest {
    private static final String[] TINY = {"--hidden", "16", "--layers", "1", "--threads", "1", "--quiet", "--batch", "32"};

    @TempDir
    Path tmp;

    static String[] args(String... a) {
        String[] out = java.util.Arrays.copyOf(a, a.length + TINY.length);
        System.arraycopy(TINY, 0, out, a.length, TINY.length);
        return out;
    }

    @Test
    void iqlWritesAnAgentThatEvaluatePolicyRuns() throws Exception {
        String data = SharedData.dataset("pendulum-medium.csv").toString();
        Path agent = tmp.resolve("iql.safetensors");
        Cli.Result r = Cli.run(args("fit-value", "-i", data, "--method", "iql", "--env", "pendulum", "--expectile", "0.8",
                "--temperature", "2", "--steps", "30", "--seed", "3", "-o", agent.toString()));
        assertEquals(0, r.code(), r.toString());
        Artifact a = Artifacts.read(agent);
        assertEquals("agent", a.kind());
        assertEquals("iql", a.spec().get("method").asText());
        assertEquals(0.8, a.spec().get("training").get("expectile").asDouble());
        assertEquals(2.0, a.spec().get("training").get("temperature").asDouble());
        assertEquals(2, a.tensor("q.layer.0.weight", "test").shape()[0]);
        assertEquals(-2.0, a.spec().get("actor").get("action_low").get(0).asDouble());

        r = Cli.run("evaluate", "policy", "--policy", agent.toString(), "--env", "pendulum", "--episodes", "2", "--discount-steps", "20",
                "--json");
        assertEquals(0, r.code(), r.toString());
        JsonNode j = new ObjectMapper().readTree(r.stdout());
        assertEquals(2, j.get("returns").size());

        Path again = tmp.resolve("again.safetensors");
        r = Cli.run(args("fit-value", "-i", data, "--method", "iql", "--env", "pendulum", "--expectile", "0.8",
                "--temperature", "2", "--steps", "30", "--seed", "3", "-o", again.toString()));
        assertEquals(0, r.code(), r.toString());
        assertTrue(java.util.Arrays.equals(Artifacts.read(agent).tensor("actor.layer.0.weight", "a").data(),
                Artifacts.read(again).tensor("actor.layer.0.weight", "b").data()), "seeded runs repeat");
    }

    @Test
    void methodSpecificFlagsOnTheWrongMethodAreBadInput() {
        String data = SharedData.dataset("pendulum-medium.csv").toString();
        Path out = tmp.resolve("x.safetensors");
        Cli.Result r = Cli.run(args("fit-value", "-i", data, "--method", "sac", "--expectile", "0.9", "-o", out.toString()));
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.stderr().startsWith("valuekit fit-value: error: --expectile and --temperature apply to --method iql"), r.stderr());
        r = Cli.run(args("fit-value", "-i", data, "--method", "iql", "--expectile", "1.5", "-o", out.toString()));
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.stderr().contains("--expectile must be in (0, 1)"), r.stderr());
        r = Cli.run(args("fit-value", "-i", data, "--method", "iql", "--env", "cartpole", "-o", out.toString()));
        assertEquals(2, r.code(), r.toString());
        assertFalse(Files.exists(out));
    }
}
