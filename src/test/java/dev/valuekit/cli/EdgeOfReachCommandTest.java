package dev.valuekit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valuekit.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Recorded point2d data, a model-based agent on it, and evaluate value's edge-of-reach split, through the CLI. */
class EdgeOfReachCommandTest {
    @TempDir
    Path tmp;

    @Test
    void evaluateValueSplitsTheAgentsRolloutStatesByReach() throws Exception {
        String data = tmp.resolve("p2d.csv").toString(), agent = tmp.resolve("agent.safetensors").toString();
        Cli.Result rec = Cli.run("rollout", "--env", "point2d", "--policy", "random", "--episodes", "10", "--env-param", "time_limit=20",
                "--seed", "1", "-o", data);
        assertEquals(0, rec.code(), rec.toString());
        Cli.Result fit = Cli.run("fit-value", "-i", data, "--method", "sac", "--env", "point2d", "--model", "env:point2d", "--critics", "2",
                "--hidden", "16", "--layers", "2", "--steps", "20", "--batch", "32", "--rollouts-per-epoch", "50", "--epoch-steps", "10",
                "--seed", "3", "--threads", "1", "--quiet", "-o", agent);
        assertEquals(0, fit.code(), fit.toString());
        Cli.Result r = Cli.run("evaluate", "value", "-m", agent, "-i", data, "--edge-of-reach", "env:point2d", "--rollout-horizon", "5",
                "--reach-rollouts", "200", "--discount-steps", "50", "--json", "--threads", "1");
        assertEquals(0, r.code(), r.toString());
        JsonNode e = new ObjectMapper().readTree(r.stdout()).get("edge_of_reach");
        assertEquals(5, e.get("horizon").asInt());
        assertEquals(200, e.get("data").get("count").asInt());
        assertEquals(200, e.get("finals").asInt(), "point2d never terminates");
        assertEquals(200, e.get("reached").get("count").asInt() + e.get("edge").get("count").asInt());
        assertTrue(e.get("radius").asDouble() > 0);
        JsonNode d = e.get("data");
        assertEquals(d.get("mean_q").asDouble() - d.get("mean_return").asDouble(), d.get("bias").asDouble(), 1e-9);
        Cli.Result text = Cli.run("evaluate", "value", "-m", agent, "-i", data, "--edge-of-reach", "env:point2d", "--reach-rollouts", "100",
                "--discount-steps", "20", "--threads", "1");
        assertEquals(0, text.code(), text.toString());
        assertTrue(text.stdout().contains("edge states"), text.stdout());
        // a learned model gives no realised returns: the true environment must be named
        Cli.Result noTruth = Cli.run("evaluate", "value", "-m", agent, "-i", data, "--edge-of-reach", agent);
        assertEquals(2, noTruth.code(), noTruth.toString());
        assertTrue(noTruth.stderr().contains("add --env NAME"), noTruth.stderr());
    }

    @Test
    void edgeOfReachNeedsAnAgent() {
        String data = tmp.resolve("p2d.csv").toString(), q = tmp.resolve("q.safetensors").toString();
        assertEquals(0, Cli.run("rollout", "--env", "point2d", "--episodes", "3", "--seed", "1", "-o", data).code());
        assertEquals(0, Cli.run("fit-value", "-i", data, "--method", "td", "--hidden", "8", "--layers", "1", "--steps", "5", "--quiet",
                "-o", q).code());
        Cli.Result notAgent = Cli.run("evaluate", "value", "-m", q, "-i", data, "--edge-of-reach", "env:point2d");
        assertEquals(2, notAgent.code(), notAgent.toString());
        assertTrue(notAgent.stderr().contains("needs an agent model"), notAgent.stderr());
    }
}
