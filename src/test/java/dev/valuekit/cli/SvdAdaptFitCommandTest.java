package dev.valuekit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valuekit.adapt.AdaptedMatrix;
import dev.valuekit.adapt.AdapterArtifact;
import dev.valuekit.adapt.MatrixRef;
import dev.valuekit.adapt.ModelMatrices;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.artifact.Tensor;
import dev.valuekit.dynamics.DynamicsArtifacts;
import dev.valuekit.dynamics.DynamicsNetwork;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Precision;
import dev.valuekit.testutil.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** svd-adapt fit → merge → evaluate / export on a tiny pendulum model (2 members, 2 x 16). */
class SvdAdaptFitCommandTest {
    @TempDir
    static Path dir;
    static Path base, target;
    static String baseSha;

    @BeforeAll
    static void baseModel() throws Exception {
        Path src = dir.resolve("src.arrow");
        target = dir.resolve("tgt.arrow");
        base = dir.resolve("base.dyn.safetensors");
        ok(Cli.run("rollout", "--env", "pendulum", "-n", "4", "--seed", "1", "-o", src.toString()));
        ok(Cli.run("rollout", "--env", "pendulum", "--env-param", "g=12,m=1.5", "-n", "3", "--seed", "2", "-o", target.toString()));
        ok(Cli.run("--threads", "1", "train-model", "-i", src.toString(), "-o", base.toString(), "--members", "2", "--elites", "2",
                "--hidden", "16", "--layers", "2", "--max-epochs", "3", "--termination", "none"));
        baseSha = sha(base);
    }

    @Test
    void somaFitReducesTargetErrorMergesAndEvaluates() throws Exception {
        Path ad = dir.resolve("soma.ad"), merged = dir.resolve("soma.dyn"), log = dir.resolve("soma-log.csv");
        ok(Cli.run("--threads", "1", "svd-adapt", "fit", "--model", base.toString(), "--input", target.toString(), "--method", "soma",
                "--rank", "2", "--freeze", "dynamics.layer.0", "--max-epochs", "15", "--lr", "3e-3", "-o", ad.toString(),
                "--merge", merged.toString(), "--log-out", log.toString()));
        assertEquals(baseSha, sha(base), "the base file is not touched");
        Artifact a = Artifacts.read(ad, "adapter");
        assertEquals(baseSha, a.spec().get("base").get("sha256").asText());
        assertEquals("soma", a.spec().get("method").asText());
        List<String> layers = a.spec().get("layers").findValuesAsText("name");
        assertEquals(List.of("dynamics.layer.1.weight[0]", "dynamics.layer.1.weight[1]", "dynamics.layer.2.weight[0]",
                "dynamics.layer.2.weight[1]"), layers, "layer 0 is frozen");
        JsonNode summary = a.provenance().get("summary");
        assertTrue(summary.get("best_holdout_mse").asDouble() < summary.get("base_holdout_mse").asDouble(), summary.toString());
        assertTrue(Files.readString(log).startsWith("epoch,member,train_loss"));

        // frozen parts (biases, layer 0, bounds, spec) are the base's exactly; adapted weights moved
        Artifact b = Artifacts.read(base), m = Artifacts.read(merged, "dynamics");
        assertEquals(b.spec(), m.spec());
        for (Tensor t : b.tensors().values()) {
            boolean adapted = t.name().equals("dynamics.layer.1.weight") || t.name().equals("dynamics.layer.2.weight");
            assertEquals(!adapted, java.util.Arrays.equals(t.data(), m.tensors().get(t.name()).data()), t.name());
        }

        // svd-adapt merge writes the same weights as fit --merge
        Path merged2 = dir.resolve("soma2.dyn");
        ok(Cli.run("svd-adapt", "merge", "--model", base.toString(), "--adapter", ad.toString(), "-o", merged2.toString()));
        Artifact m2 = Artifacts.read(merged2);
        for (Tensor t : m.tensors().values()) assertArrayEquals(t.data(), m2.tensors().get(t.name()).data(), t.name());

        Cli.Result ev = Cli.run("evaluate", "model", "--model", merged.toString(), "--input", target.toString(), "--k", "1", "--json");
        ok(ev);
        assertTrue(new ObjectMapper().readTree(ev.stdout()).get("overall").get("mse").asDouble() > 0);
    }

    @Test
    void mergedModelPredictsAsTheBaseWithTheAdapterApplied() throws Exception {
        Path ad = dir.resolve("soka.ad"), merged = dir.resolve("soka.dyn");
        ok(Cli.run("--threads", "1", "svd-adapt", "fit", "--model", base.toString(), "--input", target.toString(), "--method", "soka",
                "--rank", "2", "--max-epochs", "3", "--lr", "1e-2", "-o", ad.toString(), "--merge", merged.toString()));
        Nd4jRuntime.configure(Precision.F32, 1);
        DynamicsArtifacts.Loaded withAdapter = DynamicsArtifacts.load(base);
        Artifact adapter = Artifacts.read(ad);
        for (AdapterArtifact.Entry e : AdapterArtifact.fromArtifact(adapter, ModelMatrices.weights(withAdapter.artifact()), base.toString())) {
            MatrixRef ref = MatrixRef.parse(e.layer());
            new AdaptedMatrix(ref, withAdapter.network().params().get(ref.tensor()), e.tuned()).materialize();
        }
        DynamicsNetwork mergedNet = DynamicsArtifacts.load(merged).network();
        int rows = 50;
        double[] x = new double[rows * 4];
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < x.length; i++) x[i] = rng.nextDouble(-2, 2);
        DynamicsNetwork.Output p = withAdapter.network().predict(x, rows), q = mergedNet.predict(x, rows);
        DynamicsNetwork.Output p0 = DynamicsArtifacts.load(base).network().predict(x, rows);
        double diff = 0, moved = 0;
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < p.mean()[k].length; i++) {
                diff = Math.max(diff, Math.abs(p.mean()[k][i] - q.mean()[k][i]));
                moved = Math.max(moved, Math.abs(p.mean()[k][i] - p0.mean()[k][i]));
            }
        }
        assertTrue(diff < 1e-5, "merged vs base+adapter: " + diff);
        assertTrue(moved > 1e-4, "the adapter changed the predictions: " + moved);
    }

    @Test
    void peftExportAppliedToTheUnmodifiedBaseGivesTheMergedWeights() throws Exception {
        for (String method : List.of("pissa", "lora")) {
            Path ad = dir.resolve(method + ".ad"), merged = dir.resolve(method + ".dyn"), peft = dir.resolve(method + "-peft");
            ok(Cli.run("--threads", "1", "svd-adapt", "fit", "--model", base.toString(), "--input", target.toString(), "--method", method,
                    "--rank", "2", "--lora-alpha", "4", "--max-epochs", "3", "--lr", "1e-2", "-o", ad.toString(), "--merge", merged.toString()));
            ok(Cli.run("svd-adapt", "export", "--adapter", ad.toString(), "--peft-dir", peft.toString(), "--dtype", "f64"));
            JsonNode config = new ObjectMapper().readTree(peft.resolve("adapter_config.json").toFile());
            int r = config.get("r").asInt();
            double alpha = config.get("lora_alpha").asDouble();
            assertEquals(method.equals("pissa") ? 4 : 2, r, "PiSSA is converted to rank 2r");
            assertEquals(2.0, alpha / r);
            Map<String, Tensor> t = Artifacts.read(peft.resolve("adapter_model.safetensors")).tensors();
            Artifact b = Artifacts.read(base), m = Artifacts.read(merged);
            int modules = 0;
            for (MatrixRef ref : ModelMatrices.all(b.tensors())) {
                if (!ref.tensor().startsWith("dynamics.layer.")) continue;
                String p = "base_model.model." + ref.peftModule() + ".";
                INDArray a = array(t.get(p + "lora_A.weight")), bb = array(t.get(p + "lora_B.weight"));
                INDArray applied = ModelMatrices.weight(b, ref).add(bb.mmul(a).muli(alpha / r));
                double err = applied.sub(ModelMatrices.weight(m, ref)).amaxNumber().doubleValue();
                assertTrue(err < 1e-6, method + " " + ref + ": " + err);
                modules++;
            }
            assertEquals(6, modules);
            assertEquals(6, config.get("target_modules").size());
        }
    }

    @Test
    void fullFineTuningWritesADynamicsModel() throws Exception {
        Path out = dir.resolve("full.dyn");
        ok(Cli.run("--threads", "1", "svd-adapt", "fit", "--model", base.toString(), "--input", target.toString(), "--method", "full",
                "--max-epochs", "2", "-o", out.toString()));
        Artifact m = Artifacts.read(out, "dynamics"), b = Artifacts.read(base);
        assertFalse(java.util.Arrays.equals(b.tensors().get("dynamics.layer.0.bias").data(), m.tensors().get("dynamics.layer.0.bias").data()));
        assertArrayEquals(b.tensors().get("dynamics.max_logvar").data(), m.tensors().get("dynamics.max_logvar").data());
    }

    @Test
    void qCriticAdaptsOnMonteCarloReturnsAndMergesIntoAQModel() throws Exception {
        Path q = dir.resolve("q.vk"), ad = dir.resolve("q.ad"), merged = dir.resolve("q-merged.vk");
        ok(Cli.run("--threads", "1", "fit-value", "-i", dir.resolve("src.arrow").toString(), "--method", "mc", "--target", "q",
                "--layers", "2", "--hidden", "16", "--steps", "100", "--gamma", "0.9", "-o", q.toString()));
        ok(Cli.run("--threads", "1", "svd-adapt", "fit", "--model", q.toString(), "--input", target.toString(), "--method", "milora",
                "--rank", "2", "--max-epochs", "10", "--batch", "32", "--lr", "1e-2", "-o", ad.toString(), "--merge", merged.toString()));
        Artifact a = Artifacts.read(ad, "adapter");
        assertEquals("q", a.spec().get("base").get("kind").asText());
        assertTrue(a.spec().get("training").get("objective").asText().startsWith("monte-carlo return regression (gamma 0.9"));
        JsonNode summary = a.provenance().get("summary");
        assertTrue(summary.get("best_holdout_mse").asDouble() < summary.get("base_holdout_mse").asDouble(), summary.toString());
        Artifact m = Artifacts.read(merged, "q"), b = Artifacts.read(q);
        assertArrayEquals(b.tensors().get("q.layer.2.weight").data(), m.tensors().get("q.layer.2.weight").data());
        assertFalse(java.util.Arrays.equals(b.tensors().get("q.layer.1.weight").data(), m.tensors().get("q.layer.1.weight").data()));
        ok(Cli.run("evaluate", "value", "--model", merged.toString(), "--input", target.toString()));
    }

    @Test
    void zilnCltvAdaptsAndTheMergedModelScores() throws Exception {
        Path log = dir.resolve("log.csv"), cust = dir.resolve("cust.csv"), z = dir.resolve("z.vk"), ad = dir.resolve("z.ad"),
                merged = dir.resolve("z-merged.vk"), scores = dir.resolve("scores.csv");
        ok(Cli.run("predict-cltv", "synth", "--customers", "300", "--seed", "1", "-o", log.toString()));
        ok(Cli.run("predict-cltv", "features", "--transactions", log.toString(), "--calibration-end", "2024-09-30",
                "--holdout-end", "2025-06-30", "--unit", "week", "--attributes", "channel", "-o", cust.toString()));
        ok(Cli.run("--threads", "1", "predict-cltv", "fit", "--method", "ziln", "--input", cust.toString(), "--max-epochs", "2",
                "--seed", "1", "-o", z.toString()));
        ok(Cli.run("--threads", "1", "svd-adapt", "fit", "--model", z.toString(), "--input", cust.toString(), "--method", "pissa",
                "--rank", "2", "--max-epochs", "5", "--batch", "32", "-o", ad.toString(), "--merge", merged.toString()));
        JsonNode summary = Artifacts.read(ad).provenance().get("summary");
        assertTrue(summary.get("best_holdout_ziln_loss").asDouble() < summary.get("base_holdout_ziln_loss").asDouble(), summary.toString());
        ok(Cli.run("predict-cltv", "score", "--model", merged.toString(), "--input", cust.toString(), "-o", scores.toString()));
        assertEquals(301, Files.readAllLines(scores).size());
    }

    @Test
    void spectrumOfAModelNamesMembersAsFitDoes() throws Exception {
        Cli.Result r = Cli.run("svd-adapt", "spectrum", "--model", base.toString(), "--tensors", "dynamics.layer.2.weight", "--json");
        ok(r);
        JsonNode j = new ObjectMapper().readTree(r.stdout());
        assertEquals(List.of("dynamics.layer.2.weight[0]", "dynamics.layer.2.weight[1]"), j.get("matrices").findValuesAsText("name"));
        assertEquals(8, j.get("matrices").get(0).get("shape").get(0).asInt(), "W = T[m]^T is [out, in] = [2 x 4 targets, 16]");
    }

    private static INDArray array(Tensor t) {
        return org.nd4j.linalg.factory.Nd4j.create(t.data(), t.shape(), org.nd4j.linalg.api.buffer.DataType.DOUBLE);
    }

    private static void ok(Cli.Result r) {
        assertEquals(0, r.code(), r.toString());
    }

    private static String sha(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
