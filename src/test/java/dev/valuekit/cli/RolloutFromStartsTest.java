package dev.valuekit.cli;

import dev.valuekit.table.Batch;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.Tables;
import dev.valuekit.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** k-step rollouts of a built-in environment from data start states: the same flags as learned models. */
class RolloutFromStartsTest {
    @TempDir Path dir;

    @Test
    void builtInEnvironmentRollsOutFromDataStatesAndEndsTerminatedRows() throws Exception {
        Path data = dir.resolve("cp.arrow");
        assertEquals(0, Cli.run("rollout", "--env", "cartpole", "--episodes", "20", "--seed", "4", "-o", data.toString()).code());
        Path out = dir.resolve("r.arrow");
        Cli.Result r = Cli.run("rollout", "--model", "env:cartpole", "--start", data.toString(), "--starts", "300",
                "--horizon", "40", "--policy", "random", "--seed", "5", "-o", out.toString());
        assertEquals(0, r.code(), r.toString());
        Batch b = Tables.readAll(out.toString(), null, ReadOptions.defaults());
        int ep = b.schema().indexOf("episode"), step = b.schema().indexOf("step"), term = b.schema().indexOf("terminated"),
                trunc = b.schema().indexOf("truncated"), member = b.schema().indexOf("member"), u = b.schema().indexOf("uncertainty");
        int[] last = new int[300];
        boolean[] ended = new boolean[300];
        java.util.Arrays.fill(last, -1);
        int terminated = 0;
        for (int i = 0; i < b.rows(); i++) {
            int e = (int) b.getLong(ep, i);
            assertTrue(!ended[e], "no rows after a start's rollout ended");
            assertEquals(last[e] + 1, b.getLong(step, i), "steps of a start are consecutive");
            last[e]++;
            assertEquals(-1, b.getLong(member, i));
            assertEquals(0.0, b.getDouble(u, i));
            assertEquals("env", b.getString(b.schema().indexOf("source"), i));
            boolean t = b.getDouble(term, i) != 0;
            if (t) terminated++;
            ended[e] = t || b.getDouble(trunc, i) != 0;
            assertEquals(b.getDouble(trunc, i) != 0, !t && b.getLong(step, i) == 39);
        }
        assertTrue(terminated > 100, "random cartpole falls within 40 steps from most states: " + terminated);
        // rows are real simulator transitions
        Cli.Result check = Cli.run("evaluate", "model", "--model", "env:cartpole", "--input", out.toString(), "--json");
        assertTrue(check.stdout().contains("\"matching_share\" : 1.0"), check.stdout());

        Path again = dir.resolve("again.arrow");
        assertEquals(0, Cli.run("rollout", "--model", "env:cartpole", "--start", data.toString(), "--starts", "300",
                "--horizon", "40", "--policy", "random", "--seed", "5", "-o", again.toString()).code());
        assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(again), "same seed, same bytes");
    }
}
