package dev.valuekit.cli;

import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.testutil.Cli;
import dev.valuekit.testutil.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** fit-value --eta: EDAC's diversity term changes the critics (same seed otherwise) and is recorded in the spec. */
class EdacEtaCommandTest {
    @TempDir
    Path tmp;

    @Test
    void etaTrainsDifferentCriticsAndIsRecorded() {
        String data = SharedData.dataset("pendulum-medium.csv").toString();
        Path plain = tmp.resolve("plain.safetensors"), edac = tmp.resolve("edac.safetensors");
        for (Path p : new Path[] {plain, edac}) {
            String eta = p == edac ? "2" : "0";
            Cli.Result r = Cli.run("fit-value", "-i", data, "--method", "sac", "--env", "pendulum", "--critics", "3", "--eta", eta,
                    "--hidden", "16", "--layers", "2", "--steps", "20", "--batch", "32", "--seed", "3", "--threads", "1", "--quiet",
                    "-o", p.toString());
            assertEquals(0, r.code(), r.toString());
        }
        Artifact a = Artifacts.read(edac);
        assertEquals(2.0, a.spec().get("training").get("eta").asDouble());
        double[] wPlain = Artifacts.read(plain).tensor("q.layer.0.weight", "t").data(), wEdac = a.tensor("q.layer.0.weight", "t").data();
        assertFalse(java.util.Arrays.equals(wPlain, wEdac), "--eta left the critics unchanged");
        double[] actorPlain = Artifacts.read(plain).tensor("actor.layer.0.weight", "t").data();
        assertEquals(wPlain.length, wEdac.length);
        assertFalse(java.util.Arrays.equals(actorPlain, a.tensor("actor.layer.0.weight", "t").data()));
        // the actor sees the same data and seed; it differs only through the critics it follows
        Cli.Result r = Cli.run("evaluate", "policy", "--policy", edac.toString(), "--env", "pendulum", "--episodes", "1",
                "--discount-steps", "10");
        assertEquals(0, r.code(), r.toString());
    }
}
