package dev.valuekit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.testutil.Cli;
import dev.valuekit.testutil.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** fit-value --method dqn|cql on a slice of the random CartPole recording, and the discrete agent in every consumer. */
class DiscreteAgentCommandTest {
    private static final String[] TINY = {"--hidden", "16", "--layers", "1", "--threads", "1", "--quiet"};

    @TempDir
    Path tmp;

    private static String[] args(String... a) {
        String[] out = java.util.Arrays.copyOf(a, a.length + TINY.length);
        System.arraycopy(TINY, 0, out, a.length, TINY.length);
        return out;
    }

    /** The first {@code rows} transitions of cartpole-random.csv, with {@code edit} applied to data row {@code editRow} (1-based). */
    private Path slice(int rows, int editRow, String act) throws IOException {
        List<String> lines = Files.readAllLines(SharedData.dataset("cartpole-random.csv"));
        List<String> out = new ArrayList<>(lines.subList(0, rows + 1));
        if (editRow > 0) {
            String[] f = out.get(editRow).split(",", -1);
            f[6] = act;                                              // act_0
            out.set(editRow, String.join(",", f));
        }
        Path p = tmp.resolve("cartpole-" + rows + "-" + editRow + ".csv");
        Files.write(p, out);
        return p;
    }

    @Test
    void dqnAgentDrivesEvaluatePolicyRolloutAndBestOf() throws Exception {
        Path data = slice(600, 0, null), agent = tmp.resolve("dqn.safetensors");
        Cli.Result r = Cli.run(args("fit-value", "-i", data.toString(), "--method", "dqn", "--env", "cartpole", "--steps", "40",
                "--batch", "32", "--seed", "3", "-o", agent.toString()));
        assertEquals(0, r.code(), r.toString());
        Artifact a = Artifacts.read(agent);
        assertEquals("agent", a.kind());
        assertEquals("dqn", a.spec().get("method").asText());
        assertEquals(2, a.spec().get("action_space").get("discrete").asInt());
        assertEquals("obs", a.spec().get("critics").get("input").asText());
        assertArrayEquals(new long[] {1, 16, 2}, a.tensor("q.layer.1.weight", "test").shape());
        assertEquals("huber", a.spec().get("training").get("loss").asText());

        r = Cli.run("evaluate", "policy", "--policy", agent.toString(), "--env", "cartpole", "--episodes", "3", "--seed", "100", "--json");
        assertEquals(0, r.code(), r.toString());
        JsonNode j = new ObjectMapper().readTree(r.stdout());
        assertEquals(3, j.get("returns").size());
        assertTrue(j.get("mean_return").asDouble() >= 8, r.stdout());           // CartPole cannot end before 8 steps
        assertTrue(j.has("q_bias"));

        Path rolled = tmp.resolve("roll.csv");
        r = Cli.run("rollout", "--env", "cartpole", "--policy", agent.toString(), "--policy-sample", "--episodes", "2",
                "-o", rolled.toString(), "--quiet");
        assertEquals(0, r.code(), r.toString());
        List<String> rows = Files.readAllLines(rolled);
        int act = List.of(rows.get(0).split(",")).indexOf("act_0");
        for (String row : rows.subList(1, rows.size())) {
            double v = Double.parseDouble(row.split(",")[act]);
            assertTrue(v == 0 || v == 1, row);
        }
        r = Cli.run("rollout", "--env", "cartpole", "--policy", "best-of:4", "--q", agent.toString(), "--episodes", "1",
                "-o", tmp.resolve("bo.csv").toString(), "--quiet");
        assertEquals(0, r.code(), r.toString());

        Path fqe = tmp.resolve("fqe.safetensors");
        r = Cli.run(args("fit-value", "-i", data.toString(), "--target", "q", "--method", "fqe", "--policy", agent.toString(),
                "--steps", "10", "-o", fqe.toString()));
        assertEquals(0, r.code(), r.toString());
    }

    @Test
    void cqlRecordsItsWeightAndRunsGreedy() throws Exception {
        Path data = slice(400, 0, null), agent = tmp.resolve("cql.safetensors");
        Cli.Result r = Cli.run(args("fit-value", "-i", data.toString(), "--method", "cql", "--cql-alpha", "2", "--steps", "20",
                "--batch", "16", "-o", agent.toString()));
        assertEquals(0, r.code(), r.toString());
        Artifact a = Artifacts.read(agent);
        assertEquals("cql", a.spec().get("method").asText());
        assertEquals(2.0, a.spec().get("training").get("cql_alpha").asDouble());
        assertEquals(2, a.spec().get("action_space").get("discrete").asInt());   // from the data: actions 0 and 1
        r = Cli.run("evaluate", "policy", "--policy", agent.toString(), "--env", "cartpole", "--episodes", "2");
        assertEquals(0, r.code(), r.toString());
    }

    @Test
    void badDiscreteInputIsOneLineExitTwoNothingWritten() throws Exception {
        Path out = tmp.resolve("never.safetensors");
        Cli.Result r = Cli.run(args("fit-value", "-i", slice(50, 7, "0.5").toString(), "--method", "dqn", "--env", "cartpole",
                "--steps", "5", "-o", out.toString()));
        assertBad(r, "fractional value 0.5", "row 7", "column act_0");
        r = Cli.run(args("fit-value", "-i", slice(50, 9, "2.0").toString(), "--method", "cql", "--env", "cartpole",
                "--steps", "5", "-o", out.toString()));
        assertBad(r, "action 2 is outside cartpole's actions discrete 0..1", "row 9", "column act_0");
        r = Cli.run(args("fit-value", "-i", SharedData.dataset("pendulum-medium.csv").toString(), "--method", "dqn", "--env", "pendulum",
                "--steps", "5", "-o", out.toString()));
        assertBad(r, "dqn needs discrete actions, but pendulum has box [-2, 2]");
        assertFalse(Files.exists(out));

        Path agent = tmp.resolve("dqn.safetensors");
        assertEquals(0, Cli.run(args("fit-value", "-i", slice(100, 0, null).toString(), "--method", "dqn", "--steps", "5",
                "-o", agent.toString())).code());
        Path report = tmp.resolve("report.txt");
        r = Cli.run("evaluate", "policy", "--policy", agent.toString(), "--env", "acrobot", "--episodes", "1", "-o", report.toString());
        assertBad(r, "the model's action space (discrete 0..1) differs from acrobot's actions discrete 0..2");
        assertFalse(Files.exists(report));
        r = Cli.run("rollout", "--env", "pendulum", "--policy", agent.toString(), "--episodes", "1", "-o", report.toString());
        assertBad(r, "the model's action space (discrete 0..1) differs from pendulum's actions box [-2, 2]");
        assertFalse(Files.exists(report));
        r = Cli.run(args("fit-value", "-i", slice(50, 9, "2.0").toString(), "--target", "q", "--method", "fqe",
                "--policy", agent.toString(), "--steps", "5", "-o", out.toString()));
        assertBad(r, "the data's actions reach 2, but the policy's action space is discrete 0..1");
        assertFalse(Files.exists(out));
    }

    private static void assertBad(Cli.Result r, String... parts) {
        assertEquals(2, r.code(), r.toString());
        String err = Cli.withoutHarnessNotices(r.stderr()).strip();
        assertEquals(1, err.lines().count(), err);
        for (String p : parts) assertTrue(err.contains(p), err + "\n  missing: " + p);
    }
}
