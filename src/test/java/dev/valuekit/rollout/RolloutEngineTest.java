package dev.valuekit.rollout;

import dev.valuekit.policy.Policies;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.env.ActionSpace;
import dev.valuekit.env.Environment;
import dev.valuekit.env.Environments;
import dev.valuekit.env.Step;
import dev.valuekit.table.Batch;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RolloutEngineTest {
    /** All rows of a rollout, in one list per column name. */
    private static Batch rollout(Environment env, String policy, int episodes, long seed, int batchRows) throws IOException {
        List<Batch> out = new ArrayList<>();
        RolloutEngine.run(env, Policies.parse(policy, env.actionSpace(), env.name()),
                new RolloutOptions(episodes, seed, batchRows), out::add, ProgressListener.NONE);
        for (Batch b : out) assertTrue(b.rows() <= batchRows && b.rows() > 0);
        return concat(out);
    }

    private static Batch concat(List<Batch> batches) {
        int rows = 0;
        for (Batch b : batches) rows += b.rows();
        Batch first = batches.get(0);
        Object[] cols = new Object[first.schema().size()];
        for (int c = 0; c < cols.length; c++) {
            Object a = switch (first.schema().type(c)) {
                case INT64 -> new long[rows];
                case BOOL -> new boolean[rows];
                case STRING -> new String[rows];
                default -> new double[rows];
            };
            int at = 0;
            for (Batch b : batches) {
                System.arraycopy(b.column(c), 0, a, at, b.rows());
                at += b.rows();
            }
            cols[c] = a;
        }
        return new Batch(first.schema(), rows, cols);
    }

    @Test
    void anEpisodeRangeGivesTheSameRowsAsTheWholeRun() throws IOException {
        Environment env = Environments.create("cartpole");
        Batch whole = rollout(env, "random", 5, 9, 64);
        List<Batch> parts = new ArrayList<>();
        for (int first = 0; first < 5; first += 2) {
            RolloutEngine.run(env, Policies.parse("random", env.actionSpace(), env.name()),
                    new RolloutOptions(Math.min(2, 5 - first), 9, 64, first), parts::add, ProgressListener.NONE);
        }
        Batch joined = concat(parts);
        assertEquals(whole.rows(), joined.rows());
        for (int c = 0; c < whole.schema().size(); c++) {
            for (int r = 0; r < whole.rows(); r++) {
                assertEquals(whole.getString(c, r), joined.getString(c, r), whole.schema().name(c) + " row " + r);
            }
        }
    }

    @Test
    void pendulumEpisodesRunToTheTimeLimit() throws IOException {
        Environment env = Environments.create("pendulum");
        Batch b = rollout(env, "zero", 3, 5, 128);
        var s = b.schema();
        assertEquals(List.of("episode", "step", "obs_0", "obs_1", "obs_2", "act_0", "reward",
                "next_obs_0", "next_obs_1", "next_obs_2", "terminated", "truncated", "source"),
                s.fields().stream().map(f -> f.name()).toList());
        assertEquals(600, b.rows());
        for (int r = 0; r < b.rows(); r++) {
            assertEquals(r / 200, b.getLong(s.indexOf("episode"), r));
            assertEquals(r % 200, b.getLong(s.indexOf("step"), r));
            assertEquals(r % 200 == 199, b.boolColumn(s.indexOf("truncated"))[r]);
            assertFalse(b.boolColumn(s.indexOf("terminated"))[r]);
            assertEquals("env", b.stringColumn(s.indexOf("source"))[r]);
            if (r % 200 != 199) {
                for (int i = 0; i < 3; i++) {
                    assertEquals(b.getDouble(s.indexOf("next_obs_" + i), r), b.getDouble(s.indexOf("obs_" + i), r + 1),
                            "next_obs is the following row's obs");
                }
            } else {
                double thdot = b.getDouble(s.indexOf("obs_2"), r - 199);
                assertTrue(Math.abs(thdot) <= 1, "reset velocity within [-1, 1]");
            }
        }
    }

    @Test
    void cartPoleEpisodesEndWhenThePoleFalls() throws IOException {
        Environment env = Environments.create("cartpole");
        Batch b = rollout(env, "constant:1", 4, 1, 1000);
        var s = b.schema();
        int ends = 0;
        for (int r = 0; r < b.rows(); r++) {
            boolean last = r == b.rows() - 1 || b.getLong(s.indexOf("step"), r + 1) == 0;
            assertEquals(last, b.boolColumn(s.indexOf("terminated"))[r]);
            assertFalse(b.boolColumn(s.indexOf("truncated"))[r]);
            assertEquals(1.0, b.getDouble(s.indexOf("act_0"), r));
            assertEquals(1.0, b.getDouble(s.indexOf("reward"), r));
            if (last) ends++;
        }
        assertEquals(4, ends);
        assertTrue(b.rows() < 4 * 30, "always pushing right fails fast: " + b.rows());
    }

    @Test
    void mountainCarAndAcrobotTimeLimits() throws IOException {
        Batch mc = rollout(Environments.create("mountaincar"), "zero", 1, 1, 4096);
        assertEquals(999, mc.rows());
        assertTrue(mc.boolColumn(mc.schema().indexOf("truncated"))[998]);
        Batch ac = rollout(Environments.create("acrobot"), "constant:1", 1, 1, 4096);
        assertEquals(500, ac.rows());
        assertTrue(ac.boolColumn(ac.schema().indexOf("truncated"))[499]);
    }

    @Test
    void terminationOnTheLastAllowedStepIsNotTruncation() throws IOException {
        Batch b = rollout(new EndsAtStep(3, 3), "zero", 2, 1, 16);
        var s = b.schema();
        assertEquals(6, b.rows());
        assertTrue(b.boolColumn(s.indexOf("terminated"))[2]);
        assertFalse(b.boolColumn(s.indexOf("truncated"))[2]);
        Batch cut = rollout(new EndsAtStep(5, 3), "zero", 1, 1, 16);
        assertEquals(3, cut.rows());
        assertFalse(cut.boolColumn(s.indexOf("terminated"))[2]);
        assertTrue(cut.boolColumn(s.indexOf("truncated"))[2]);
    }

    @Test
    void sameSeedSameTransitionsOtherSeedOthers() throws IOException {
        Environment env = Environments.create("pendulum", Map.of("g", 12.0));
        Batch a = rollout(env, "gaussian:1", 3, 42, 100);
        Batch b = rollout(env, "gaussian:1", 3, 42, 7);
        Batch c = rollout(env, "gaussian:1", 3, 43, 100);
        for (int col = 0; col < a.schema().size(); col++) {
            if (a.schema().type(col).isFloat()) assertArrayEquals(a.doubleColumn(col), b.doubleColumn(col));
        }
        assertNotEquals(a.getDouble(2, 0), c.getDouble(2, 0));
    }

    /** A counter environment that terminates when its state reaches {@code end}. */
    private record EndsAtStep(int end, int limit) implements Environment {
        @Override public String name() { return "counter"; }
        @Override public String gymId() { return "Counter-v0"; }
        @Override public int obsDim() { return 1; }
        @Override public ActionSpace actionSpace() { return ActionSpace.discrete(1); }
        @Override public int maxEpisodeSteps() { return limit; }
        @Override public Map<String, Double> parameters() { return Map.of(); }
        @Override public double[] reset(RandomGenerator rng) { return new double[] {0}; }
        @Override public Step step(double[] s, double[] a) { return new Step(new double[] {s[0] + 1}, 1, s[0] + 1 >= end); }
        @Override public double[] observe(double[] s) { return s.clone(); }
        @Override public double[] stateFromObs(double[] o) { return o.clone(); }
    }
}
