package dev.valuekit.adapt;

import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.artifact.DType;
import dev.valuekit.artifact.Provenance;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.valuekit.adapt.Matrices.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdapterArtifactTest {
    @ParameterizedTest
    @EnumSource(AdapterMethod.class)
    void roundTripRebuildsTheTunedLayerFromTheBase(AdapterMethod method, @TempDir Path dir) throws Exception {
        INDArray w = Matrices.gaussian(12, 8, 5);
        AdapterOptions o = AdapterOptions.of(method, 2, 1).withAlpha(4);
        LayerAdapter init = AdapterInit.init("fc", w, o);
        LayerAdapter tuned = init instanceof LowRankAdapter l
                ? l.withFactors(l.a().add(0.25), l.b().add(0.5))
                : new KroneckerAdapter(init.rank(), ((KroneckerAdapter) init).shape(), ((KroneckerAdapter) init).a().mul(1.5),
                        ((KroneckerAdapter) init).b(), init.residual(), 0);
        Artifact a = AdapterArtifact.toArtifact(List.of(new AdapterArtifact.Entry("net.fc.weight", init, tuned)), o,
                Provenance.start("test").toJson(), DType.F64);
        Path file = dir.resolve("adapter.safetensors");
        try (AtomicOutput out = AtomicOutput.open(file.toString(), OutputStream.nullOutputStream())) {
            Artifacts.write(out, a);
            out.commit();
        }
        Artifact back = Artifacts.read(file, AdapterArtifact.KIND);
        List<AdapterArtifact.Entry> entries = AdapterArtifact.fromArtifact(back, Map.of("net.fc.weight", w), file.toString());
        assertEquals(1, entries.size());
        assertTrue(maxAbsDiff(entries.get(0).tuned().merged(), tuned.merged()) < 1e-12, method.id());
        assertTrue(maxAbsDiff(entries.get(0).initial().merged(), w) < 1e-12, method.id());
        assertThrows(BadInputException.class, () -> AdapterArtifact.fromArtifact(back, Map.of("other", w), file.toString()));
        assertThrows(BadInputException.class,
                () -> AdapterArtifact.fromArtifact(back, Map.of("net.fc.weight", w.transpose()), file.toString()));
    }
}
