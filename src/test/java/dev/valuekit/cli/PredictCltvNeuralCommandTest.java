package dev.valuekit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.artifact.Tensor;
import dev.valuekit.table.Batch;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.Tables;
import dev.valuekit.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The neural CLTV path through the CLI on a small synthetic log: synth → features → fit → score → evaluate. */
class PredictCltvNeuralCommandTest {
    @TempDir Path tmp;

    private static Cli.Result ok(String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.code(), r.toString());
        return r;
    }

    private String customers() {
        String log = tmp.resolve("log.csv").toString(), customers = tmp.resolve("customers.csv").toString();
        ok("predict-cltv", "synth", "--customers", "3000", "--seed", "3", "-o", log);
        ok("predict-cltv", "features", "--transactions", log, "--attributes", "channel,region", "--calibration-end", "2024-09-29",
                "--holdout-end", "2025-06-29", "-o", customers);
        return customers;
    }

    @Test
    void synthIsSeededAndPlausible() throws Exception {
        String a = tmp.resolve("a.csv").toString(), b = tmp.resolve("b.csv").toString(), c = tmp.resolve("c.csv").toString();
        ok("predict-cltv", "synth", "--customers", "500", "--seed", "1", "-o", a);
        ok("predict-cltv", "synth", "--customers", "500", "--seed", "1", "-o", b);
        ok("predict-cltv", "synth", "--customers", "500", "--seed", "2", "-o", c);
        assertArrayEquals(Files.readAllBytes(Path.of(a)), Files.readAllBytes(Path.of(b)));
        assertTrue(!java.util.Arrays.equals(Files.readAllBytes(Path.of(a)), Files.readAllBytes(Path.of(c))));
        Batch t = Tables.readAll(a, null, ReadOptions.defaults());
        assertEquals(List.of("customer_id", "date", "amount", "channel", "region"), t.schema().fields().stream().map(f -> f.name()).toList());
        assertTrue(t.rows() > 500 && t.rows() < 5000, "purchases: " + t.rows());
        for (int i = 0; i < t.rows(); i++) assertTrue(t.getDouble(2, i) > 0);
    }

    @Test
    void fitScoreEvaluateBothModels() throws Exception {
        String customers = customers();
        Batch table = Tables.readAll(customers, null, ReadOptions.defaults());
        assertTrue(table.schema().has("channel") && table.schema().has("region"));
        for (String model : new String[] {"ziln", "optdist"}) {
            String m = tmp.resolve(model + ".safetensors").toString(), p = tmp.resolve(model + "-pred.csv").toString();
            ok("predict-cltv", "fit", "--method", model, "-i", customers, "--max-epochs", "6", "--seed", "4", "--sub-networks", "3", "-o", m);
            Artifact a = Artifacts.read(Path.of(m), "cltv");
            assertEquals(model, a.spec().get("model").asText());
            assertEquals(2, a.spec().get("categorical").size());
            assertEquals(List.of(5L, 5L), List.of(a.tensor("embedding.region", m).shape()[0], a.tensor("embedding.region", m).shape()[1]));
            assertEquals(model.equals("ziln") ? 1 : 3, a.tensor("sub.layer.0.weight", m).shape()[0]);
            ok("predict-cltv", "score", "-m", m, "-i", customers, "--batch-size", "700", "-o", p);
            Batch pred = Tables.readAll(p, null, ReadOptions.defaults());
            assertEquals(List.of("customer_id", "p_purchase", "predicted_ltv", "component", "ltv_p10", "ltv_p50", "ltv_p90"),
                    pred.schema().fields().stream().map(f -> f.name()).toList());
            assertEquals(table.rows(), pred.rows());
            int components = 0;
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (int i = 0; i < pred.rows(); i++) {
                double pp = pred.getDouble(1, i), q10 = pred.getDouble(4, i), q50 = pred.getDouble(5, i), q90 = pred.getDouble(6, i);
                assertTrue(pp > 0 && pp < 1 && pred.getDouble(2, i) > 0);
                assertTrue(q10 <= q50 && q50 <= q90, "quantiles ordered");
                seen.add(pred.getLong(3, i));
            }
            components = seen.size();
            if (model.equals("ziln")) assertEquals(java.util.Set.of(0L), seen);
            else assertTrue(components >= 1 && seen.stream().allMatch(k -> k >= 0 && k < 3));
            Cli.Result e = ok("evaluate", "cltv", "--predictions", p, "--truth", customers, "--json");
            JsonNode j = new ObjectMapper().readTree(e.stdout());
            double gini = j.get("all").get("normalized_gini").asDouble();
            assertTrue(gini > 0.4, model + " normalized Gini " + gini);
        }
    }

    @Test
    void sameSeedSameWeightsAndUnknownCategoryWarnsOnce() throws Exception {
        String customers = customers();
        String m1 = tmp.resolve("m1.safetensors").toString(), m2 = tmp.resolve("m2.safetensors").toString();
        ok("predict-cltv", "fit", "--method", "optdist", "-i", customers, "--max-epochs", "2", "--seed", "9", "--sub-networks", "2", "-o", m1);
        ok("predict-cltv", "fit", "--method", "optdist", "-i", customers, "--max-epochs", "2", "--seed", "9", "--sub-networks", "2", "-o", m2);
        Artifact a = Artifacts.read(Path.of(m1)), b = Artifacts.read(Path.of(m2));
        assertEquals(a.tensors().keySet(), b.tensors().keySet());
        for (Tensor t : a.tensors().values()) assertArrayEquals(t.data(), b.tensors().get(t.name()).data(), 0.0, t.name());

        // Two customers from a channel never seen in training.
        List<String> lines = Files.readAllLines(Path.of(customers));
        StringBuilder sb = new StringBuilder(lines.get(0)).append('\n');
        for (int i = 1; i < 6; i++) sb.append(i <= 2 ? lines.get(i).replaceFirst(",(web|store|app),", ",kiosk,") : lines.get(i)).append('\n');
        Path unseen = tmp.resolve("unseen.csv");
        Files.writeString(unseen, sb.toString());
        Cli.Result r = ok("predict-cltv", "score", "-m", m1, "-i", unseen.toString(), "--batch-size", "1", "-o", tmp.resolve("p.csv").toString());
        long warnings = r.stderr().lines().filter(l -> l.contains("warning")).count();
        assertEquals(1, warnings, r.stderr());
        assertTrue(r.stderr().contains("2 customers had a category not seen in training (first: column 'channel' value 'kiosk' at row 1)"), r.stderr());
    }

    @Test
    void neuralHelpTeaches() {
        Cli.Result r = Cli.run("predict-cltv", "fit", "--help");
        assertTrue(r.stdout().contains("--sub-loss") && r.stdout().contains("Gumbel-softmax") && r.stdout().contains("--method optdist"), r.stdout());
        assertTrue(Cli.run("predict-cltv", "synth", "--help").stdout().contains("Examples:"));
        assertTrue(Cli.run("predict-cltv", "--help").stdout().contains("predict-cltv synth"));
    }

    @Test
    void validatedTrainingLogsEpochsKeepsTheBestAndJudgesAgainstAConstant() throws Exception {
        String customers = customers(), m = tmp.resolve("v.safetensors").toString(), logOut = tmp.resolve("log.csv").toString();
        ok("predict-cltv", "fit", "--method", "ziln", "-i", customers, "--seed", "2", "--steps", "300", "--patience", "3", "--log-out", logOut, "-o", m);
        Artifact a = Artifacts.read(Path.of(m), "cltv");
        JsonNode fit = a.spec().get("fit"), tr = a.spec().get("training");
        assertEquals(0.1, tr.get("holdout").asDouble());
        assertEquals(300, tr.get("steps").asInt());
        Batch log = Tables.readAll(logOut, null, new ReadOptions(65536, true));   // the mse columns are NaN for ZILN
        assertEquals(fit.get("epochs_run").asInt(), log.rows());
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < log.rows(); i++) best = Math.min(best, log.getDouble(log.schema().indexOf("holdout_loss"), i));
        assertEquals(best, fit.get("best_holdout_loss").asDouble(), 1e-12, "the kept epoch is the best held-out one");
        assertTrue(fit.get("beats_constant").asBoolean(), fit.toString());
        assertTrue(fit.get("best_holdout_loss").asDouble() < fit.get("constant_holdout_loss").asDouble());

        // Features that are pure noise: the held-out loss cannot beat the constant model, and fit says so.
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        StringBuilder sb = new StringBuilder("customer_id,noise1,noise2,ltv\n");
        for (int i = 0; i < 400; i++) {
            double y = rng.nextDouble() < 0.4 ? Math.exp(3 + rng.nextGaussian()) : 0;
            sb.append(i).append(',').append(rng.nextGaussian()).append(',').append(rng.nextGaussian()).append(',').append(y).append('\n');
        }
        Path noise = tmp.resolve("noise.csv");
        Files.writeString(noise, sb.toString());
        String nm = tmp.resolve("noise.safetensors").toString();
        Cli.Result r = ok("predict-cltv", "fit", "--method", "ziln", "-i", noise.toString(), "--seed", "1", "--holdout", "0.25", "-o", nm);
        assertTrue(r.stderr().contains("never beat a constant predictor"), r.stderr());
        assertTrue(!Artifacts.read(Path.of(nm), "cltv").spec().get("fit").get("beats_constant").asBoolean());
    }
}
