package dev.valuekit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.dynamics.DynamicsArtifacts;
import dev.valuekit.dynamics.DynamicsNetwork;
import dev.valuekit.table.Batch;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.Tables;
import dev.valuekit.table.TransitionColumns;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Precision;
import dev.valuekit.testutil.Cli;
import dev.valuekit.value.FittedValue;
import dev.valuekit.value.ValueArtifacts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * train-model --loss vagram and evaluate model --value end to end, on two generated pendulum episodes
 * with two distracting observations (rollout --env-param distractors=2).
 */
class VagramCommandTest {
    @TempDir static Path dir;
    static Path data, value, model;

    @BeforeAll
    static void prepare() {
        data = dir.resolve("data.csv");
        value = dir.resolve("v.safetensors");
        model = dir.resolve("vagram.safetensors");
        ok(Cli.run("rollout", "--env", "pendulum", "--env-param", "distractors=2", "--policy", "random", "-n", "2", "--seed", "1",
                "-o", data.toString(), "--quiet", "--threads", "1"));
        ok(Cli.run("fit-value", "-i", data.toString(), "--target", "v", "--method", "td", "--hidden", "8", "--layers", "1",
                "--steps", "200", "--seed", "1", "-o", value.toString(), "--quiet", "--threads", "1"));
        ok(Cli.run("train-model", "-i", data.toString(), "--loss", "vagram", "--value", value.toString(), "--members", "2",
                "--elites", "2", "--hidden", "8", "--layers", "1", "--max-epochs", "3", "--seed", "2", "-o", model.toString(),
                "--threads", "1"));
    }

    private static Cli.Result ok(Cli.Result r) {
        assertEquals(0, r.code(), r.toString());
        return r;
    }

    @Test
    void specRecordsTheLossAndTheValueFilesHash() throws Exception {
        Artifact a = Artifacts.read(model, "dynamics");
        assertEquals("vagram", a.spec().get("architecture").get("loss").asText());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(value)));
        assertEquals(sha, a.spec().get("vagram").get("value_sha256").asText());
        assertEquals("value", a.spec().get("vagram").get("value_kind").asText());
        assertFalse(a.tensors().containsKey("dynamics.max_logvar"), "vagram members are deterministic");
        assertEquals(5 + 1, a.tensors().get("dynamics.layer.1.weight").shape()[2], "outputs: delta of 5 observations and reward");
        assertTrue(a.provenance().get("summary").has("elite_holdout_vagram_loss"));
    }

    @Test
    void evaluateModelReportsTheValueAwareErrorOfADirectComputation() throws Exception {
        Cli.Result r = ok(Cli.run("evaluate", "model", "-m", model.toString(), "-i", data.toString(), "--value", value.toString(),
                "--k", "1", "--json", "--threads", "1"));
        JsonNode va = new ObjectMapper().readTree(r.stdout()).get("value_aware");
        assertEquals(2, va.get("members").size());

        Nd4jRuntime.configure(Precision.F32, 1);
        DynamicsArtifacts.Loaded m = DynamicsArtifacts.load(model);
        FittedValue v = ValueArtifacts.load(value, ValueArtifacts.VALUE);
        Batch b = Tables.readAll(data.toString(), null, ReadOptions.defaults());
        TransitionColumns c = TransitionColumns.resolve(b.schema(), data.toString());
        int n = b.rows(), d = c.obsDim(), in = d + 1, t = d + 1;
        double[] x = new double[n * in], next = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * in + j] = b.getDouble(c.obs()[j], i);
                next[i * d + j] = b.getDouble(c.nextObs()[j], i);
            }
            x[i * in + d] = b.getDouble(c.act()[0], i);
        }
        DynamicsNetwork.Output out = m.network().predict(x, n);
        int[] elites = m.spec().elites();
        double[] hat = new double[n * d], hat0 = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double delta = 0;
                for (int e : elites) delta += out.mean()[e][i * t + j] / elites.length;
                hat[i * d + j] = x[i * in + j] + delta;
                hat0[i * d + j] = x[i * in + j] + out.mean()[0][i * t + j];
            }
        }
        double[] vs = v.value(next, n), vh = v.value(hat, n), v0 = v.value(hat0, n);
        double se = 0, se0 = 0;
        for (int i = 0; i < n; i++) {
            se += (vs[i] - vh[i]) * (vs[i] - vh[i]) / n;
            se0 += (vs[i] - v0[i]) * (vs[i] - v0[i]) / n;
        }
        assertTrue(se > 0);
        assertEquals(se, va.get("elite_mean").asDouble(), 1e-9 * Math.max(1, se));
        assertEquals(se0, va.get("members").get(0).asDouble(), 1e-9 * Math.max(1, se0));

        Cli.Result text = ok(Cli.run("evaluate", "model", "-m", model.toString(), "-i", data.toString(), "--value", value.toString(),
                "--k", "1", "--threads", "1"));
        assertTrue(text.stdout().contains("value-aware error mean (V(s') - V(s'^))^2"), text.stdout());
    }
}
