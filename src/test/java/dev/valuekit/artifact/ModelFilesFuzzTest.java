package dev.valuekit.artifact;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.valuekit.adapt.AdapterArtifact;
import dev.valuekit.cltv.CltvArtifacts;
import dev.valuekit.cltv.NeuralArtifacts;
import dev.valuekit.cltv.NeuralModelType;
import dev.valuekit.dynamics.DynamicsArtifacts;
import dev.valuekit.testutil.FuzzContract;
import dev.valuekit.value.ValueArtifacts;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz target for model files: the safetensors reader, the valuekit metadata, {@code inspect}, and
 * for each kind the spec validation and loader that a command runs. Under plain JUnit it replays the
 * saved inputs (testdata/fuzz/.../ModelFilesFuzzTestInputs); bench/fuzz.sh fuzzes it for minutes.
 */
class ModelFilesFuzzTest {
    private static final Path FILE = scratch();

    @FuzzTest(maxDuration = "2m")
    void safetensors(byte[] data) throws Exception {
        Files.write(FILE, data);
        FuzzContract.check(() -> Inspection.of(FILE));
        FuzzContract.check(() -> load(FILE));
    }

    /** What a command does with a model file of each kind. */
    private static void load(Path p) {
        Artifact a = Artifacts.read(p);
        String src = p.toString();
        if (a.kind() == null) return;
        switch (a.kind()) {
            case DynamicsArtifacts.KIND -> DynamicsArtifacts.load(p);
            case ValueArtifacts.VALUE, ValueArtifacts.Q, ValueArtifacts.AGENT -> ValueArtifacts.load(p, a.kind());
            case CltvArtifacts.KIND -> {
                if (NeuralModelType.of(CltvArtifacts.type(a, src)) != null) NeuralArtifacts.fromArtifact(a, src);
                else CltvArtifacts.fromArtifact(a, src);
            }
            case AdapterArtifact.KIND -> AdapterArtifact.factorsOnly(a, src);
            default -> { /* an unknown kind is refused by the command that needs a specific one */ }
        }
    }

    private static Path scratch() {
        try {
            Path f = Files.createTempFile("valuekit-fuzz", ".safetensors");
            f.toFile().deleteOnExit();
            return f;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
