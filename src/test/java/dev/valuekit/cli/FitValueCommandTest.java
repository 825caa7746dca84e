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

/** fit-value and its consumers on the real pendulum data, with tiny networks and few steps. */
class FitValueCommandTest {
    private static final String[] TINY = {"--hidden", "16", "--layers", "1", "--threads", "1", "--quiet"};

    @TempDir
    Path tmp;

    private static String[] args(String... a) {
        String[] out = java.util.Arrays.copyOf(a, a.length + TINY.length);
        System.arraycopy(TINY, 0, out, a.length, TINY.length);
        return out;
    }

    @Test
    void sacAgentDrivesRolloutEvaluatePolicyAndFqe() throws Exception {
        String data = SharedData.dataset("pendulum-medium.csv").toString();
        Path agent = tmp.resolve("agent.safetensors");
        Cli.Result r = Cli.run(args("fit-value", "-i", data, "--method", "sac", "--critics", "3", "--critic-target", "mean-std:1",
                "--env", "pendulum", "--steps", "30", "--batch", "32", "--seed", "4", "-o", agent.toString()));
        assertEquals(0, r.code(), r.toString());
        Artifact a = Artifacts.read(agent);
        assertEquals("agent", a.kind());
        assertEquals(0.99, a.spec().get("gamma").asDouble());
        assertEquals("sac", a.spec().get("method").asText());
        assertEquals("mean-std:1.0", a.spec().get("critic_target").asText());
        assertEquals(3, a.tensor("q.layer.0.weight", "test").shape()[0]);
        assertEquals(-2.0, a.spec().get("actor").get("action_low").get(0).asDouble());
        assertTrue(a.provenance().toString().contains("sha256"));

        Path rolled = tmp.resolve("roll.csv");
        r = Cli.run("rollout", "--env", "pendulum", "--policy", agent.toString(), "--episodes", "2", "-o", rolled.toString(), "--quiet");
        assertEquals(0, r.code(), r.toString());
        assertEquals(401, Files.readAllLines(rolled).size());
        r = Cli.run("rollout", "--env", "pendulum", "--policy", "best-of:4", "--q", agent.toString(), "--episodes", "1",
                "-o", tmp.resolve("bo.csv").toString(), "--quiet");
        assertEquals(0, r.code(), r.toString());

        r = Cli.run("evaluate", "policy", "--policy", agent.toString(), "--policy-sample", "--env", "pendulum", "--episodes", "3",
                "--discount-steps", "50", "--json", "--plot", tmp.resolve("p.png").toString());
        assertEquals(0, r.code(), r.toString());
        JsonNode j = new ObjectMapper().readTree(r.stdout());
        assertEquals(3, j.get("returns").size());
        assertTrue(j.get("mean_return").asDouble() < 0 && j.get("mean_return").asDouble() > -2000);
        assertTrue(j.has("q_bias"));
        assertTrue(Files.size(tmp.resolve("p.png")) > 1000);

        Path fqe = tmp.resolve("fqe.safetensors");
        r = Cli.run(args("fit-value", "-i", data, "--target", "q", "--method", "fqe", "--policy", agent.toString(), "--steps", "20",
                "-o", fqe.toString()));
        assertEquals(0, r.code(), r.toString());
        assertEquals("q", Artifacts.read(fqe).kind());
        assertEquals(1e-4, Artifacts.read(fqe).spec().get("training").get("lr").asDouble());
        assertEquals(100, Artifacts.read(fqe).spec().get("training").get("batch").asInt());
    }

    @Test
    void valueMethodsWriteValueArtifactsThatEvaluateValueReads() throws Exception {
        String data = SharedData.dataset("pendulum-medium.csv").toString();
        Path v = tmp.resolve("v.safetensors");
        Cli.Result r = Cli.run(args("fit-value", "-i", data, "--target", "v", "--method", "mc", "--gamma", "0.9", "--credit", "min",
                "--steps", "20", "-o", v.toString()));
        assertEquals(0, r.code(), r.toString());
        Artifact a = Artifacts.read(v);
        assertEquals("value", a.kind());
        assertEquals("min", a.spec().get("credit").asText());
        // γ = 0.9: a truncated 200-step episode keeps the rows with 0.9^(rows left) <= 0.01, i.e. 44+ rows left: 157 of 200
        assertEquals(50 * 157, a.spec().get("training").get("rows_used").asInt());
        r = Cli.run("evaluate", "value", "-m", v.toString(), "--input", data, "--json");
        assertEquals(0, r.code(), r.toString());
        JsonNode j = new ObjectMapper().readTree(r.stdout());
        assertEquals(50 * 157, j.get("rows_compared").asInt());
        assertFalse(j.has("critic_std_data"));

        Path q = tmp.resolve("q.safetensors");
        r = Cli.run(args("fit-value", "-i", data, "--target", "q", "--method", "td", "--critics", "2", "--steps", "20", "-o", q.toString()));
        assertEquals(0, r.code(), r.toString());
        r = Cli.run("evaluate", "value", "-m", q.toString(), "--input", data);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.stdout().contains("critic std: data actions"), r.stdout());
    }

    @Test
    void modelBasedSacRollsOutInTheTrueDynamics() {
        String data = SharedData.dataset("pendulum-random.csv").toString();
        Path out = tmp.resolve("ravl.safetensors");
        Cli.Result r = Cli.run("fit-value", "-i", data, "--method", "sac", "--model", "env:pendulum", "--rollout-horizon", "3",
                "--rollouts-per-epoch", "8", "--epoch-steps", "10", "--steps", "20", "--batch", "16", "--hidden", "16", "--layers", "1",
                "--threads", "1", "--log-format", "json", "-o", out.toString());
        assertEquals(0, r.code(), r.toString());
        // two rollout rounds of 8 starts × 3 steps (pendulum never terminates)
        assertTrue(r.stderr().contains("\"synthetic_transitions\":48"), r.stderr());
        assertEquals("env:pendulum", Artifacts.read(out).spec().get("training").get("model").asText());
    }

    @Test
    void modelBasedSacRollsOutInALearnedModelAndItsAgentDrivesModelRollouts() {
        String data = SharedData.dataset("pendulum-random.csv").toString();
        String dyn = Path.of("testdata/bad/dyn-tiny.safetensors").toAbsolutePath().toString();
        Path out = tmp.resolve("mbpo.safetensors");
        Cli.Result r = Cli.run("fit-value", "-i", data, "--method", "sac", "--model", dyn, "--env", "pendulum", "--rollout-horizon", "2",
                "--rollouts-per-epoch", "5", "--epoch-steps", "10", "--steps", "10", "--batch", "16", "--hidden", "16", "--layers", "1",
                "--threads", "1", "--log-format", "json", "-o", out.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.stderr().contains("\"synthetic_transitions\":"), r.stderr());
        Path rolled = tmp.resolve("r.csv");
        r = Cli.run("rollout", "--model", dyn, "--start", data, "--horizon", "2", "--starts", "4", "--policy", out.toString(),
                "-o", rolled.toString(), "--quiet");
        assertEquals(0, r.code(), r.toString());
    }

    @Test
    void sameSeedSameWeights() {
        String data = SharedData.dataset("pendulum-medium.csv").toString();
        Path a = tmp.resolve("a.safetensors"), b = tmp.resolve("b.safetensors");
        for (Path p : new Path[] {a, b}) {
            Cli.Result r = Cli.run(args("fit-value", "-i", data, "--method", "sac", "--steps", "10", "--batch", "16", "--seed", "9",
                    "-o", p.toString()));
            assertEquals(0, r.code(), r.toString());
        }
        assertEquals(Artifacts.read(a).tensors(), Artifacts.read(b).tensors());
    }

    @Test
    void divergingLossExitsOneNamingTheStepAndWritesNothing() {
        String data = SharedData.dataset("pendulum-medium.csv").toString();
        Path out = tmp.resolve("nan.safetensors");
        Cli.Result r = Cli.run(args("fit-value", "-i", data, "--target", "v", "--method", "td", "--lr", "1e30", "--steps", "200",
                "-o", out.toString()));
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.stderr().contains("at step"), r.stderr());
        assertFalse(Files.exists(out));
    }
}
