package dev.valuekit.artifact;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ArtifactsRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    static double[] floats(int n, long seed) {
        Random r = new Random(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = (float) r.nextGaussian();
        return d;
    }

    static double[] doubles(int n, long seed) {
        Random r = new Random(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = r.nextGaussian() * 1e-3;
        return d;
    }

    static Artifact sample() {
        LinkedHashMap<String, Tensor> t = new LinkedHashMap<>();
        // insertion order deliberately not the storage order
        t.put("dynamics.layer.0.weight", new Tensor("dynamics.layer.0.weight", DType.F32, new long[] {7, 4, 200}, floats(7 * 4 * 200, 1)));
        t.put("norm.mean", new Tensor("norm.mean", DType.F64, new long[] {3}, new double[] {0.1, -2.5e-300, Double.MAX_VALUE}));
        t.put("logvar.max", new Tensor("logvar.max", DType.F32, new long[] {}, new double[] {0.5}));
        t.put("empty", new Tensor("empty", DType.F64, new long[] {0, 5}, new double[0]));
        t.put("special", new Tensor("special", DType.F32, new long[] {2, 2},
                new double[] {-0.0, Float.MIN_VALUE, Float.MAX_VALUE, Double.NEGATIVE_INFINITY}));
        t.put("big.f64", new Tensor("big.f64", DType.F64, new long[] {50, 40}, doubles(2000, 2)));
        ObjectNode spec = JSON.createObjectNode();
        spec.put("architecture", "mlp");
        spec.putArray("hidden").add(200).add(200);
        spec.put("discount", 0.99);
        ObjectNode prov = Provenance.start("valuekit train-model -i data.arrow").seed(7)
                .created(Instant.parse("2026-01-02T03:04:05Z")).summary("epochs", 12).toJson();
        return new Artifact("dynamics", spec, prov, t);
    }

    private Path write(Artifact a, String name) throws IOException {
        Path p = dir.resolve(name);
        try (AtomicOutput out = AtomicOutput.open(p.toString(), System.out)) {
            Artifacts.write(out, a);
            out.commit();
        }
        return p;
    }

    private static byte[] bytesOf(Artifact a) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (AtomicOutput out = AtomicOutput.open("-", bo)) {
            Artifacts.write(out, a);
            out.commit();
        }
        return bo.toByteArray();
    }

    @Test
    void roundTripKeepsEveryValueExactly() throws IOException {
        Artifact a = sample();
        Artifact b = Artifacts.readStored(write(a, "m.safetensors"));
        assertEquals("dynamics", b.kind());
        assertEquals(a.spec(), b.spec());
        assertEquals(a.provenance(), b.provenance());
        assertEquals(a.tensors().keySet(), b.tensors().keySet());
        for (Tensor t : a.tensors().values()) {
            Tensor r = b.tensors().get(t.name());
            assertEquals(t.dtype(), r.dtype(), t.name());
            assertArrayEquals(t.shape(), r.shape(), t.name());
            // bit patterns, so -0.0 and the extremes count
            for (int i = 0; i < t.data().length; i++) {
                assertEquals(Double.doubleToRawLongBits(t.data()[i]), Double.doubleToRawLongBits(r.data()[i]), t.name() + "[" + i + "]");
            }
            assertEquals(t, r);
        }
        Tensor ens = b.tensor("dynamics.layer.0.weight", "m");
        assertArrayEquals(new long[] {7, 4, 200}, ens.shape());
        assertEquals(a.tensors().get("dynamics.layer.0.weight").data()[5599], ens.data()[5599]);
        assertEquals(0.5, b.tensor("logvar.max", "m").data()[0]);
        assertEquals(0, b.tensor("empty", "m").data().length);
    }

    @Test
    void readerReturnsTensorsInStorageOrder() throws IOException {
        Artifact b = Artifacts.readStored(write(sample(), "m.safetensors"));
        assertEquals(List.of("big.f64", "empty", "norm.mean", "dynamics.layer.0.weight", "logvar.max", "special"),
                List.copyOf(b.tensors().keySet()));
    }

    @Test
    void sameContentGivesIdenticalBytesWhateverTheInsertionOrder() throws IOException {
        Artifact a = sample();
        LinkedHashMap<String, Tensor> reversed = new LinkedHashMap<>();
        List<String> names = List.copyOf(a.tensors().keySet());
        for (int i = names.size() - 1; i >= 0; i--) reversed.put(names.get(i), a.tensors().get(names.get(i)));
        byte[] one = bytesOf(a);
        assertArrayEquals(one, bytesOf(sample()));
        assertArrayEquals(one, bytesOf(new Artifact(a.kind(), a.spec(), a.provenance(), reversed)));
        // read then write again: nothing drifts (number formatting, key order)
        assertArrayEquals(one, bytesOf(Artifacts.readStored(write(a, "m.safetensors"))));
    }

    @Test
    void headerIsPaddedWithSpacesToEightBytes() throws IOException {
        byte[] b = bytesOf(sample());
        long n = ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8);
        String header = new String(b, 8, (int) n, java.nio.charset.StandardCharsets.UTF_8);
        String json = header.stripTrailing();
        assertTrue(json.endsWith("}"), header);
        assertEquals(" ".repeat(header.length() - json.length()), header.substring(json.length()));
        assertTrue(header.length() - json.length() < 8);
    }

    @Test
    void wrongKindNamesBothKindsAndTheFile() throws IOException {
        Path p = write(sample(), "dyn.safetensors");
        assertEquals("dynamics", Artifacts.readStored(p).kind());
        BadInputException e = assertThrows(BadInputException.class, () -> Artifacts.read(p, "q"));
        assertTrue(e.getMessage().startsWith("model file is a dynamics model; this command needs a q model (" + p + "): "), e.getMessage());
        assertTrue(e.fix().contains("valuekit fit-value"), e.fix());
    }

    @Test
    void fileWithoutValuekitMetadataReadsWithNullKind() throws IOException {
        Path p = dir.resolve("plain.safetensors");
        try (var out = Files.newOutputStream(p)) {
            SafetensorsWriter.write(out, java.util.Map.of("format", "pt"),
                    List.of(new Tensor("w", DType.F32, new long[] {2}, new double[] {1, 2})));
        }
        Artifact a = Artifacts.read(p);
        assertNull(a.kind());
        assertNull(a.spec());
        assertNull(a.provenance());
        assertArrayEquals(new double[] {1, 2}, a.tensor("w", p.toString()).data());
        BadInputException e = assertThrows(BadInputException.class, () -> Artifacts.read(p, "adapter"));
        assertTrue(e.what().contains("no valuekit metadata"), e.getMessage());
    }

    @Test
    void missingTensorIsBadInputNamingIt() throws IOException {
        Artifact a = Artifacts.readStored(write(sample(), "m.safetensors"));
        BadInputException e = assertThrows(BadInputException.class, () -> a.tensor("critic.0.weight", "m.safetensors"));
        assertEquals("dynamics model has no tensor 'critic.0.weight'", e.what());
        assertEquals("m.safetensors", e.source());
    }

    @Test
    void newerFormatIsRefused() throws IOException {
        Path p = dir.resolve("v2.safetensors");
        try (var out = Files.newOutputStream(p)) {
            SafetensorsWriter.write(out, java.util.Map.of(Artifacts.KEY_FORMAT, "2", Artifacts.KEY_KIND, "q"), List.of());
        }
        BadInputException e = assertThrows(BadInputException.class, () -> Artifacts.read(p));
        assertTrue(e.what().contains("valuekit format 2"), e.getMessage());
    }

    @Test
    void writerRefusesValuesThatAreNotFloat32() {
        LinkedHashMap<String, Tensor> t = new LinkedHashMap<>();
        t.put("w", new Tensor("w", DType.F32, new long[] {1}, new double[] {0.1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bytesOf(new Artifact("q", null, null, t)));
        assertTrue(e.getMessage().contains("not exactly a float32"), e.getMessage());
    }

    @Test
    void failedWriteLeavesNoFile() {
        LinkedHashMap<String, Tensor> t = new LinkedHashMap<>();
        t.put("w", new Tensor("w", DType.F32, new long[] {1}, new double[] {0.1}));
        Path p = dir.resolve("never.safetensors");
        assertThrows(IllegalArgumentException.class, () -> write(new Artifact("q", null, null, t), "never.safetensors"));
        assertFalse(Files.exists(p));
        assertEquals(0, dir.toFile().list().length);
    }

    @Test
    void tensorChecksShapeAgainstData() {
        assertThrows(IllegalArgumentException.class, () -> new Tensor("x", DType.F64, new long[] {2, 3}, new double[5]));
        assertThrows(IllegalArgumentException.class, () -> new Tensor("x", DType.F64, new long[] {-1}, new double[0]));
        assertEquals(1, new Tensor("s", DType.F64, new long[] {}, new double[] {3}).size());
    }
}
