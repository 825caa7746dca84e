package dev.valuekit.cli;

import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A default that depends on another option follows it, and --help says so: --elites follows --members
 * (train-model), --acquisition-weeks follows --weeks (predict-cltv synth). An explicit value that
 * contradicts the other option is still an error.
 */
class DependentDefaultsTest {
    @TempDir
    Path dir;

    @Test
    void elitesFollowASmallEnsemble() {
        Path data = dir.resolve("p.arrow");
        ok(Cli.run("rollout", "--env", "pendulum", "--episodes", "4", "--seed", "1", "--quiet", "-o", data.toString()));
        Path model = dir.resolve("dyn.safetensors");
        ok(Cli.run("--threads", "1", "train-model", "-i", data.toString(), "-o", model.toString(), "--members", "3",
                "--hidden", "8", "--layers", "1", "--max-epochs", "2", "--seed", "1", "--quiet"));
        Artifact a = Artifacts.read(model, "dynamics");
        assertEquals(3, a.spec().get("elites").size(), a.spec().toString());

        Cli.Result tooMany = Cli.run("train-model", "-i", data.toString(), "-o", dir.resolve("x.safetensors").toString(),
                "--members", "2", "--elites", "3");
        assertEquals(2, tooMany.code(), tooMany::toString);
        assertTrue(tooMany.stderr().contains("--elites must be between 1 and --members (2), got 3"), tooMany::toString);
        assertTrue(flat(Cli.run("train-model", "--help").stdout()).contains("Default: 5, or --members when that is smaller."));
    }

    @Test
    void theAcquisitionWindowFollowsAShortLog() throws Exception {
        Path log = dir.resolve("log.csv");
        ok(Cli.run("predict-cltv", "synth", "--customers", "50", "--weeks", "8", "--seed", "1", "--quiet", "-o", log.toString()));
        assertTrue(Files.size(log) > 0);
        Cli.Result tooLong = Cli.run("predict-cltv", "synth", "--weeks", "8", "--acquisition-weeks", "9", "-o", dir.resolve("y.csv").toString());
        assertEquals(2, tooLong.code(), tooLong::toString);
        assertTrue(flat(Cli.run("predict-cltv", "synth", "--help").stdout()).contains("Default: 12, or --weeks when that is shorter."));
    }

    private static void ok(Cli.Result r) {
        assertEquals(0, r.code(), r::toString);
    }

    private static String flat(String help) {
        return help.replaceAll("\\s+", " ");
    }
}
