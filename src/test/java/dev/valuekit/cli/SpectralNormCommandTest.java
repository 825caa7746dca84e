package dev.valuekit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valuekit.adapt.Svd;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.artifact.Tensor;
import dev.valuekit.testutil.Cli;
import dev.valuekit.testutil.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** fit-value --spectral-norm[=last|all]: stored normalised weights have spectral norm 1 and every consumer reads them as is. */
class SpectralNormCommandTest {
    @TempDir
    Path tmp;

    @Test
    void qFitStoresNormalisedHiddenWeightsThatEvaluateAndRolloutUse() throws Exception {
        String data = SharedData.dataset("pendulum-medium.csv").toString();
        Path q = tmp.resolve("q.safetensors");
        Cli.Result r = Cli.run("fit-value", "-i", data, "--target", "q", "--method", "td", "--critics", "2", "--spectral-norm=all",
                "--hidden", "24", "--layers", "2", "--steps", "300", "--lr", "3e-3", "--seed", "2", "--threads", "1", "--quiet",
                "-o", q.toString());
        assertEquals(0, r.code(), r.toString());
        Artifact a = Artifacts.read(q);
        assertTrue(a.spec().get("critics").get("spectral_norm").asBoolean());
        assertEquals("all", a.spec().get("critics").get("spectral_norm_layers").asText());
        assertTrue(a.spec().get("training").get("spectral_norm").asBoolean());
        for (int l = 0; l < 2; l++) {
            for (int m = 0; m < 2; m++) {
                double s = topSingularValue(a.tensor("q.layer." + l + ".weight", "test"), m);
                // σ̂ = uᵀWv ≤ σ, and one power-iteration step per update trails the moving σ: W/σ̂ has norm 1 or a little above
                assertTrue(s > 1 - 1e-6 && s < 1.1, "layer " + l + " member " + m + ": " + s);
            }
        }
        // the output layer is free: it has grown away from norm 1 to carry the value's scale
        double out = topSingularValue(a.tensor("q.layer.2.weight", "test"), 0);
        assertTrue(Math.abs(out - 1) > 0.1, "output layer norm " + out);

        r = Cli.run("evaluate", "value", "-m", q.toString(), "--input", data, "--json");
        assertEquals(0, r.code(), r.toString());
        JsonNode j = new ObjectMapper().readTree(r.stdout());
        assertTrue(Double.isFinite(j.get("td_error").asDouble()) && j.get("td_rows").asInt() > 9000, r.stdout());
        Path rolled = tmp.resolve("bo.csv");
        r = Cli.run("rollout", "--env", "pendulum", "--policy", "best-of:4", "--q", q.toString(), "--episodes", "1",
                "-o", rolled.toString(), "--quiet");
        assertEquals(0, r.code(), r.toString());
        assertEquals(201, Files.readAllLines(rolled).size());
    }

    @Test
    void lastScopeNormalisesOnlyTheLayerFeedingTheOutput() throws Exception {
        String data = SharedData.dataset("pendulum-medium.csv").toString();
        Path q = tmp.resolve("q.safetensors");
        Cli.Result r = Cli.run("fit-value", "-i", data, "--target", "q", "--method", "td", "--spectral-norm=last",
                "--hidden", "24", "--layers", "2", "--steps", "300", "--lr", "3e-3", "--seed", "2", "--threads", "1", "--quiet",
                "-o", q.toString());
        assertEquals(0, r.code(), r.toString());
        Artifact a = Artifacts.read(q);
        assertTrue(a.spec().get("critics").get("spectral_norm").asBoolean());
        assertEquals("last", a.spec().get("critics").get("spectral_norm_layers").asText());
        assertEquals("last", a.spec().get("training").get("spectral_norm_layers").asText());
        double last = topSingularValue(a.tensor("q.layer.1.weight", "test"), 0);
        assertTrue(last > 1 - 1e-6 && last < 1.1, "last hidden layer: " + last);
        double first = topSingularValue(a.tensor("q.layer.0.weight", "test"), 0);
        assertTrue(first > 2, "first hidden layer is free: " + first);
    }

    @Test
    void sacAgentWithSpectralNormAndAdversarialPenaltyDrivesRollout() throws Exception {
        String data = SharedData.dataset("pendulum-medium.csv").toString();
        Path agent = tmp.resolve("agent.safetensors");
        Cli.Result r = Cli.run("fit-value", "-i", data, "--method", "sac", "--env", "pendulum", "--spectral-norm", "--adversarial-eps",
                "0.05", "--hidden", "16", "--layers", "2", "--steps", "40", "--batch", "32", "--threads", "1", "--quiet",
                "-o", agent.toString());
        assertEquals(0, r.code(), r.toString());
        Artifact a = Artifacts.read(agent);
        assertTrue(a.spec().get("critics").get("spectral_norm").asBoolean());
        assertEquals("all", a.spec().get("critics").get("spectral_norm_layers").asText(), "--spectral-norm alone means all (issue 4: every hidden layer)");
        double s = topSingularValue(a.tensor("q.layer.1.weight", "test"), 1);
        assertTrue(s > 1 - 1e-6 && s < 1.1, "layer 1: " + s);
        r = Cli.run("evaluate", "policy", "--policy", agent.toString(), "--env", "pendulum", "--episodes", "2",
                "--discount-steps", "20", "--json");
        assertEquals(0, r.code(), r.toString());
        assertTrue(new ObjectMapper().readTree(r.stdout()).has("q_bias"));
    }

    /** Largest singular value of member {@code m}'s [in, out] matrix, by LAPACK. */
    private static double topSingularValue(Tensor t, int m) {
        long[] s = t.shape();
        int in = (int) s[1], out = (int) s[2];
        double[] w = Arrays.copyOfRange(t.data(), m * in * out, (m + 1) * in * out);
        return Svd.full(Nd4j.create(w, new long[] {in, out}, DataType.DOUBLE)).singularValues()[0];
    }
}
