package dev.valuekit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valuekit.table.Batch;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.Tables;
import dev.valuekit.testutil.Cli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RolloutCommandTest {
    @TempDir
    Path dir;

    private Cli.Result ok(String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.code(), r.toString());
        return r;
    }

    private String out(String name) { return dir.resolve(name).toString(); }

    @Test
    void sameSeedGivesIdenticalBytes() throws IOException {
        ok("rollout", "--env", "pendulum", "--episodes", "3", "--policy", "gaussian:1", "--seed", "7", "-o", out("a.arrow"));
        ok("rollout", "--env", "pendulum", "--episodes", "3", "--policy", "gaussian:1", "--seed", "7", "-o", out("b.arrow"));
        ok("rollout", "--env", "pendulum", "--episodes", "3", "--policy", "gaussian:1", "--seed", "8", "-o", out("c.arrow"));
        byte[] a = Files.readAllBytes(dir.resolve("a.arrow"));
        assertArrayEquals(a, Files.readAllBytes(dir.resolve("b.arrow")));
        assertFalse(java.util.Arrays.equals(a, Files.readAllBytes(dir.resolve("c.arrow"))));
        byte[] s1 = ok("rollout", "--env", "acrobot", "--episodes", "2", "--seed", "3", "--format", "csv", "-o", "-").stdoutBytes();
        byte[] s2 = ok("rollout", "--model", "env:acrobot", "--episodes", "2", "--seed", "3", "--format", "csv", "-o", "-").stdoutBytes();
        assertTrue(s1.length > 1000);
        assertArrayEquals(s1, s2, "--model env:NAME is --env NAME");
    }

    @Test
    void writesTheTransitionsSchemaAndTimeLimits() {
        ok("rollout", "--env", "mountaincar", "--episodes", "2", "--policy", "zero", "-o", out("mc.csv"));
        Batch b = Tables.readAll(out("mc.csv"), null, ReadOptions.defaults());
        assertEquals(2 * 999, b.rows());
        assertEquals("episode,step,obs_0,obs_1,act_0,reward,next_obs_0,next_obs_1,terminated,truncated,source",
                String.join(",", b.schema().fields().stream().map(f -> f.name()).toList()));
        int trunc = b.schema().indexOf("truncated");
        long truncated = 0;
        for (int r = 0; r < b.rows(); r++) if (b.getDouble(trunc, r) != 0) truncated++;
        assertEquals(2, truncated);
    }

    @Test
    void rolloutsMatchTheSimulatorExactlyAndShiftedParametersDoNot() throws IOException {
        ok("rollout", "--env", "pendulum", "--env-param", "g=12,m=1.5", "--episodes", "2", "--seed", "1", "-o", out("shift.arrow"));
        ObjectMapper json = new ObjectMapper();
        JsonNode same = json.readTree(ok("evaluate", "model", "--model", "env:pendulum", "--env-param", "g=12,m=1.5",
                "--input", out("shift.arrow"), "--json").stdout());
        assertEquals(400, same.get("rows").asLong());
        assertEquals(1.0, same.get("matching_share").asDouble());
        // the pendulum angle is recovered from float32 cos/sin, so agreement is to float32 rounding
        for (JsonNode o : same.get("outputs")) assertTrue(o.get("max_abs_error").asDouble() < 1e-6, o.toString());
        JsonNode other = json.readTree(ok("evaluate", "model", "--model", "env:pendulum", "--input", out("shift.arrow"), "--json").stdout());
        assertTrue(other.get("outputs").get(2).get("max_abs_error").asDouble() > 0.01, other.toString());
        assertTrue(other.get("matching_share").asDouble() < 0.5, other.toString());
    }

    @Test
    void discreteRolloutsEvaluateCleanly() throws IOException {
        for (String env : new String[] {"cartpole", "acrobot"}) {
            ok("rollout", "--env", env, "--episodes", "3", "--seed", "2", "-o", out(env + ".csv"));
            Cli.Result r = ok("evaluate", "model", "--model", "env:" + env, "--input", out(env + ".csv"));
            assertTrue(r.stdout().contains("(100.00%)"), r.stdout());
        }
    }

    @Test
    void pipesFromRolloutIntoEvaluate() throws IOException {
        byte[] stream = ok("rollout", "--env", "mountaincar", "--episodes", "1", "--seed", "4", "-o", "-").stdoutBytes();
        Cli.Result r = Cli.runWithStdin(stream, "evaluate", "model", "--model", "env:MountainCarContinuous-v0", "--input", "-", "--json");
        assertEquals(0, r.code(), r.toString());
        JsonNode j = new ObjectMapper().readTree(r.stdout());
        assertEquals("stdin", j.get("data").asText());
        assertEquals(999, j.get("rows").asLong());
        assertEquals(1.0, j.get("matching_share").asDouble());
    }

    @Test
    void helpTeachesWithExamples() {
        assertEquals(0, Cli.run("rollout", "--help").code());
        String rollout = new CommandLine(new RolloutCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertTrue(rollout.contains("Examples:"), rollout);
        assertTrue(rollout.contains("valuekit rollout --env pendulum --env-param g=12,m=1.5"), rollout);
        assertTrue(rollout.contains("Default: random"), rollout);
        String evaluate = new CommandLine(new EvaluateModelCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertTrue(evaluate.contains("Examples:") && evaluate.contains("Default: 1e-5"), evaluate);
    }

    @Test
    void badInputIsOneLineAndWritesNothing() {
        String target = out("never.arrow");
        Cli.Result r = Cli.run("rollout", "--env", "cartpole", "--policy", "gaussian:0.5", "-o", target);
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
        assertTrue(r.stderr().startsWith("valuekit rollout: error: policy 'gaussian:0.5' needs continuous actions"), r.stderr());
        assertFalse(Files.exists(Path.of(target)));
        Cli.Result p = Cli.run("rollout", "--env", "pendulum", "--env-param", "g=abc", "-o", target);
        assertEquals(2, p.code(), p.toString());
        Cli.Result none = Cli.run("rollout", "--episodes", "1", "-o", target);
        assertEquals(2, none.code());
        assertTrue(none.stderr().contains("no environment given"), none.stderr());
        Cli.Result both = Cli.run("rollout", "--env", "pendulum", "--model", "env:acrobot", "-o", target);
        assertTrue(both.stderr().contains("disagree"), both.stderr());
        Cli.Result parent = Cli.run("evaluate");
        assertEquals(2, parent.code(), parent.toString());
    }
}
