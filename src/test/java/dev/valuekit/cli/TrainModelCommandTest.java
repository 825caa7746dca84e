package dev.valuekit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.table.Batch;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.Tables;
import dev.valuekit.testutil.Cli;
import dev.valuekit.testutil.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train-model end to end on real pendulum data with a tiny ensemble, and what rollout/evaluate make of it. */
class TrainModelCommandTest {
    @TempDir static Path dir;
    static Path data;
    static Path model;
    static Path log;

    static final String[] TINY = {"--members", "3", "--elites", "2", "--hidden", "16", "--layers", "2", "--batch", "256",
            "--seed", "3", "--threads", "1"};

    static String[] args(String... extra) {
        List<String> a = new ArrayList<>(List.of("train-model"));
        a.addAll(List.of(TINY));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @BeforeAll
    static void trainOnce() throws Exception {
        Path full = SharedData.dataset("pendulum-random.csv");
        // 20 episodes keep the test fast; the holdout is then 2 whole episodes
        data = dir.resolve("pendulum-small.csv");
        Cli.Result c = Cli.run("convert", full.toString(), "--head", "4000", "-o", data.toString());
        assertEquals(0, c.code(), c.toString());
        model = dir.resolve("dyn.safetensors");
        log = dir.resolve("log.csv");
        Cli.Result r = Cli.run(args("-i", data.toString(), "-o", model.toString(), "--max-epochs", "2", "--log-out", log.toString()));
        assertEquals(0, r.code(), r.toString());
    }

    @Test
    void writesADynamicsArtifactWithSpecAndProvenance() {
        Artifact a = Artifacts.read(model, "dynamics");
        JsonNode spec = a.spec();
        assertEquals(3, spec.get("architecture").get("members").asInt());
        assertEquals(2, spec.get("elites").size());
        assertEquals("none", spec.get("termination").asText(), "pendulum never terminates: the learned head falls back to none");
        assertEquals("obs_0", spec.get("obs_columns").get(0).asText());
        assertEquals(4, spec.get("input_normalizer").get("mean").size());
        assertArrayEquals(new long[] {3, 4, 16}, a.tensors().get("dynamics.layer.0.weight").shape());
        assertArrayEquals(new long[] {3, 16, 8}, a.tensors().get("dynamics.layer.2.weight").shape());
        assertArrayEquals(new long[] {1, 4}, a.tensors().get("dynamics.max_logvar").shape());
        JsonNode prov = a.provenance();
        assertEquals(3, prov.get("seed").asLong());
        assertEquals(2, prov.get("summary").get("epochs").asInt());
        assertEquals(400, prov.get("summary").get("holdout_rows").asInt());
    }

    @Test
    void logHasOneRowPerEpochAndMember() {
        Batch b = Tables.readAll(log.toString(), null, ReadOptions.defaults());
        assertEquals(6, b.rows());
        int e = b.schema().indexOf("epoch");
        int h = b.schema().indexOf("holdout_mse");
        assertEquals(2, b.getLong(e, 5));
        for (int r = 0; r < 6; r++) assertTrue(Double.isFinite(b.getDouble(h, r)) && b.getDouble(h, r) > 0);
    }

    @Test
    void helpSaysNllIncludesTheConstants() {
        Cli.Result r = Cli.run("train-model", "--help");
        assertEquals(0, r.code());
        assertTrue(r.stdout().contains("1/2*log(2*pi)"), r.stdout());
        assertTrue(r.stdout().contains("Examples:"));
    }

    @Test
    void sameSeedSameBytes() throws Exception {
        Path again = dir.resolve("again.safetensors");
        Cli.Result r = Cli.run(args("-i", data.toString(), "-o", again.toString(), "--max-epochs", "2"));
        assertEquals(0, r.code(), r.toString());
        Artifact a = Artifacts.read(model), b = Artifacts.read(again);
        assertEquals(a.tensors(), b.tensors());
    }

    @Test
    void resumingFromACheckpointMatchesAnUninterruptedRun() throws Exception {
        Path ckpt = dir.resolve("ckpt");
        Path first = dir.resolve("first.safetensors"), resumed = dir.resolve("resumed.safetensors"),
                straight = dir.resolve("straight.safetensors");
        assertEquals(0, Cli.run(args("-i", data.toString(), "-o", first.toString(), "--max-epochs", "1",
                "--checkpoint", ckpt.toString())).code());
        assertTrue(Files.exists(ckpt.resolve("checkpoint.safetensors")));
        Cli.Result r = Cli.run(args("-i", data.toString(), "-o", resumed.toString(), "--max-epochs", "2",
                "--checkpoint", ckpt.toString()));
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.stderr().contains("resuming from the checkpoint after epoch 1"), r.stderr());
        assertEquals(0, Cli.run(args("-i", data.toString(), "-o", straight.toString(), "--max-epochs", "2")).code());
        assertEquals(Artifacts.read(straight).tensors(), Artifacts.read(resumed).tensors());
        // a different seed is a different run: its checkpoint is refused
        Cli.Result other = Cli.run("train-model", "-i", data.toString(), "-o", dir.resolve("x.safetensors").toString(),
                "--members", "3", "--elites", "2", "--hidden", "16", "--layers", "2", "--seed", "4", "--threads", "1",
                "--checkpoint", ckpt.toString());
        assertEquals(2, other.code(), other.toString());
        assertTrue(other.stderr().contains("different arguments"), other.stderr());
    }

    @Test
    void divergenceExitsOneNamingTheEpochAndWritesNothing() {
        Path out = dir.resolve("diverged.safetensors");
        Cli.Result r = Cli.run(args("-i", data.toString(), "-o", out.toString(), "--max-epochs", "3", "--lr", "1e12"));
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.stderr().contains("diverged at epoch 1"), r.stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void rolloutAcceptsTheModel() {
        Path out = dir.resolve("rollouts.csv");
        Cli.Result r = Cli.run("rollout", "--model", model.toString(), "--start", data.toString(), "--horizon", "3",
                "--starts", "50", "--policy", "random", "--penalty", "ensemble-std", "--penalty-coef", "2", "--seed", "1",
                "--threads", "1", "-o", out.toString());
        assertEquals(0, r.code(), r.toString());
        Batch b = Tables.readAll(out.toString(), null, ReadOptions.defaults());
        assertEquals(150, b.rows(), "pendulum never terminates: every start runs the full horizon");
        int member = b.schema().indexOf("member"), u = b.schema().indexOf("uncertainty"), pr = b.schema().indexOf("penalized_reward");
        int rew = b.schema().indexOf("reward"), trunc = b.schema().indexOf("truncated"), step = b.schema().indexOf("step");
        assertEquals("model", b.getString(b.schema().indexOf("source"), 0));
        java.util.Set<Long> elites = new java.util.HashSet<>();
        Artifacts.read(model).spec().get("elites").forEach(e -> elites.add(e.asLong()));
        for (int i = 0; i < b.rows(); i++) {
            long m = b.getLong(member, i);
            assertTrue(elites.contains(m), "member " + m + " is not an elite " + elites);
            assertTrue(b.getDouble(u, i) >= 0);
            assertEquals(b.getDouble(rew, i) - 2 * b.getDouble(u, i), b.getDouble(pr, i), 1e-9);
            assertEquals(b.getLong(step, i) == 2, b.getDouble(trunc, i) != 0);
        }
    }

    @Test
    void evaluateReportsAccuracyCalibrationAndKStepErrorWithAPlot() throws Exception {
        Path png = dir.resolve("eval.png");
        Cli.Result r = Cli.run("evaluate", "model", "--model", model.toString(), "--input", data.toString(), "--json",
                "--k", "1,10", "--plot", png.toString(), "--log", log.toString(), "--threads", "1");
        assertEquals(0, r.code(), r.toString());
        JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout());
        assertEquals(4000, j.get("rows").asInt());
        assertEquals(4, j.get("outputs").size());
        assertEquals("reward", j.get("outputs").get(3).get("name").asText());
        double nll = j.get("overall").get("nll").asDouble();
        assertTrue(Double.isFinite(nll), r.stdout());
        double in1 = j.get("overall").get("within_1sigma").asDouble(), in2 = j.get("overall").get("within_2sigma").asDouble();
        assertTrue(in1 > 0 && in1 <= in2 && in2 <= 1, r.stdout());
        assertEquals(10, j.get("k_step").get(1).get("k").asInt());
        // 20 episodes of 200 steps: 200 - 10 + 1 windows each
        assertEquals(20 * 191, j.get("k_step").get(1).get("windows").asInt());
        assertTrue(j.get("k_step").get(1).get("mse").asDouble() > j.get("k_step").get(0).get("mse").asDouble(),
                "errors compound over an open-loop horizon");
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head);

        Cli.Result text = Cli.run("evaluate", "model", "--model", model.toString(), "--input", data.toString(), "--threads", "1");
        assertEquals(0, text.code(), text.toString());
        assertTrue(text.stdout().contains("NLL includes"), text.stdout());
        assertTrue(text.stdout().contains("next_obs_2"), text.stdout());
    }

    @Test
    void f64BootstrapMseModelStoresF64WeightsAndEvaluates() throws Exception {
        Path out = dir.resolve("f64.safetensors");
        Cli.Result r = Cli.run(args("-i", data.toString(), "-o", out.toString(), "--max-epochs", "1", "--precision", "f64",
                "--bootstrap", "--loss", "mse", "--activation", "relu"));
        assertEquals(0, r.code(), r.toString());
        Artifact a = Artifacts.read(out, "dynamics");
        assertEquals(dev.valuekit.artifact.DType.F64, a.tensors().get("dynamics.layer.0.weight").dtype());
        assertArrayEquals(new long[] {3, 16, 4}, a.tensors().get("dynamics.layer.2.weight").shape(), "MSE models predict means only");
        assertFalse(a.tensors().containsKey("dynamics.max_logvar"));
        Cli.Result e = Cli.run("evaluate", "model", "--model", out.toString(), "--input", data.toString(), "--json", "--k", "1");
        assertEquals(0, e.code(), e.toString());
        JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(e.stdout());
        assertTrue(j.get("overall").get("mse").asDouble() > 0);
        assertTrue(j.get("overall").get("within_1sigma").isNull(), "a deterministic model has no calibration");
    }
}
