package dev.valuekit.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.dynamics.DynamicsModel;
import dev.valuekit.dynamics.DynamicsModels;
import dev.valuekit.dynamics.EnvDynamics;
import dev.valuekit.env.Environment;
import dev.valuekit.env.Environments;
import dev.valuekit.env.Step;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.rollout.RolloutEngine;
import dev.valuekit.table.TableReader;
import dev.valuekit.table.TableWriter;
import dev.valuekit.table.WriteOptions;
import dev.valuekit.table.Tables;
import dev.valuekit.table.TransitionNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelEvaluatorTest {
    @TempDir
    Path dir;

    private static final String HEADER = "obs_0,obs_1,obs_2,act_0,reward,next_obs_0,next_obs_1,next_obs_2,terminated,truncated\n";

    /** A pendulum row stepped by the environment itself, with {@code dNext0} added to next_obs_0. */
    private static String pendulumRow(double th, double thdot, double u, double dNext0) {
        Environment env = Environments.create("pendulum");
        double[] obs = env.observe(new double[] {th, thdot});
        Step s = env.step(env.stateFromObs(obs), new double[] {(float) u});
        double[] next = env.observe(s.state());
        return obs[0] + "," + obs[1] + "," + obs[2] + "," + (float) u + "," + s.reward() + ","
                + (next[0] + dNext0) + "," + next[1] + "," + next[2] + ",0,0\n";
    }

    private ModelEvaluation evaluate(String model, String csv, int batchSize) throws IOException {
        Path p = dir.resolve("data.csv");
        Files.writeString(p, csv);
        DynamicsModel m = DynamicsModels.resolve(model, Map.of());
        try (TableReader r = Tables.open(p.toString(), null, new ReadOptions(batchSize, false))) {
            return ModelEvaluator.evaluate(m, r, new EvaluateOptions(1e-5, 0), ProgressListener.NONE);
        }
    }

    @Test
    void exactDataHasNoError() throws IOException {
        ModelEvaluation e = evaluate("env:pendulum", HEADER + pendulumRow(0.5, 0.3, 1.0, 0) + pendulumRow(-3, 2, -2, 0), 65536);
        assertEquals(2, e.rows());
        assertEquals(5, e.outputs().size());
        for (DimensionError d : e.outputs()) {
            assertEquals(0.0, d.maxAbsError(), d.name());
            assertEquals(0, d.beyondTolerance());
        }
        assertEquals(2, e.matchingRows());
        assertEquals(1.0, e.matchingShare());
    }

    @Test
    void errorStatisticsAcrossBatches() throws IOException {
        String csv = HEADER + pendulumRow(0.5, 0.3, 1.0, 0) + pendulumRow(0.1, 0.2, 0.5, 0)
                + pendulumRow(1, -1, 0, 0.001) + pendulumRow(2, 0, 0, -0.000002);
        ModelEvaluation e = evaluate("env:pendulum", csv, 3);
        DimensionError d0 = e.outputs().get(0);
        assertEquals("next_obs_0", d0.name());
        // errors 0, 0, 1e-3, 2e-6 (up to float32 rounding of the perturbed values)
        assertEquals(Math.sqrt((1e-6 + 4e-12) / 4), d0.rmse(), 1e-9);
        assertEquals((1e-3 + 2e-6) / 4, d0.mae(), 1e-9);
        assertEquals(1e-3, d0.maxAbsError(), 1e-9);
        assertEquals(3, d0.worstRow());
        assertEquals(1, d0.beyondTolerance());
        assertEquals(3, e.matchingRows());
    }

    @Test
    void columnPrefixesCanBeRenamed() throws IOException {
        Path p = dir.resolve("renamed.csv");
        Files.writeString(p, HEADER.replace("next_obs_", "s2_").replace("obs_", "s_").replace("act_", "a_")
                + pendulumRow(0.5, 0.3, 1.0, 0));
        try (TableReader r = Tables.open(p.toString(), null, ReadOptions.defaults())) {
            ModelEvaluation e = ModelEvaluator.evaluate(DynamicsModels.resolve("env:pendulum", Map.of()), r,
                    new EvaluateOptions(1e-5, 0, new TransitionNames("s_", "a_", "s2_", null)), ProgressListener.NONE);
            assertEquals("s2_0", e.outputs().get(0).name());
            assertEquals(1, e.matchingRows());
        }
    }

    @Test
    void terminatedErrorsCount() throws IOException {
        String row = pendulumRow(0.5, 0.3, 1.0, 0);
        String wrong = row.substring(0, row.length() - 4) + "1,0\n";
        ModelEvaluation e = evaluate("env:pendulum", HEADER + row + wrong, 10);
        DimensionError t = e.outputs().get(4);
        assertEquals("terminated", t.name());
        assertEquals(1.0, t.maxAbsError());
        assertEquals(2, t.worstRow());
        assertEquals(Math.sqrt(0.5), t.rmse(), 1e-15);
        assertEquals(1, e.matchingRows());
    }

    @Test
    void wrongObservationWidthIsBadInput() {
        String csv = HEADER + pendulumRow(0.5, 0.3, 1.0, 0);
        BadInputException e = assertThrows(BadInputException.class, () -> evaluate("env:cartpole", csv, 10));
        assertTrue(e.getMessage().contains("the data has 3 observation columns (obs_*) but env:cartpole has 4"), e.getMessage());
        assertTrue(e.getMessage().contains("data.csv"), e.getMessage());
    }

    @Test
    void invalidDiscreteActionNamesRowAndColumn() {
        String csv = "obs_0,obs_1,obs_2,obs_3,act_0,reward,next_obs_0,next_obs_1,next_obs_2,next_obs_3,terminated,truncated\n"
                + "0,0,0,0,1,1,0,0,0,0,0,0\n".repeat(4) + "0,0,0,0,0.5,1,0,0,0,0,0,0\n";
        BadInputException e = assertThrows(BadInputException.class, () -> evaluate("env:cartpole", csv, 2));
        assertEquals(5, e.row());
        assertEquals("act_0", e.column());
        assertTrue(e.getMessage().contains("discrete action 0.5 is not one of 0..1"), e.getMessage());
    }

    @Test
    void emptyTableIsBadInput() throws IOException {
        Path p = dir.resolve("empty.arrow");
        Environment env = Environments.create("pendulum");
        try (TableWriter w = Tables.create(AtomicOutput.open(p.toString(), null), RolloutEngine.schema(env), WriteOptions.defaults())) {
            w.finish();
        }
        BadInputException e = assertThrows(BadInputException.class, () -> {
            try (TableReader r = Tables.open(p.toString(), null, ReadOptions.defaults())) {
                ModelEvaluator.evaluate(new EnvDynamics(env), r, new EvaluateOptions(1e-5, 0), ProgressListener.NONE);
            }
        });
        assertTrue(e.getMessage().startsWith("no transitions to evaluate (" + p), e.getMessage());
    }

    @Test
    void reportsAsTextAndJson() throws IOException {
        ModelEvaluation e = evaluate("env:pendulum", HEADER + pendulumRow(0.5, 0.3, 1.0, 0) + pendulumRow(1, -1, 0, 0.001), 10);
        String text = EvaluationReport.text(e);
        assertTrue(text.startsWith("model env:pendulum on "), text);
        assertTrue(text.contains("next_obs_0") && text.contains("reward") && text.contains("terminated"), text);
        assertTrue(text.contains("rows matching in every output within 1.000e-05: 1 of 2 (50.00%)"), text);
        JsonNode j = new ObjectMapper().readTree(EvaluationReport.json(e));
        assertEquals("env:pendulum", j.get("model").asText());
        assertEquals(2, j.get("rows").asLong());
        assertEquals(5, j.get("outputs").size());
        assertEquals("next_obs_0", j.get("outputs").get(0).get("name").asText());
        assertEquals(1e-3, j.get("outputs").get(0).get("max_abs_error").asDouble(), 1e-9);
        assertEquals(2, j.get("outputs").get(0).get("worst_row").asLong());
        assertEquals(0.5, j.get("matching_share").asDouble());
    }
}
