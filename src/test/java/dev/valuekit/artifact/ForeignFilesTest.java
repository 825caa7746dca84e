package dev.valuekit.artifact;

import dev.valuekit.common.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Files valuekit did not write: made by the reference implementation (Hugging Face safetensors
 * 0.8.0 with numpy, see make_fixtures.py beside them) and by hand without header padding.
 */
class ForeignFilesTest {
    @TempDir Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(ForeignFilesTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsTheReferenceImplementationsFile() {
        SafetensorsFile f = SafetensorsReader.read(fixture("python-mixed.safetensors"));
        assertEquals(Map.of("format", "pt"), f.metadata());
        assertEquals(List.of("layer.0.bias", "empty", "layer.0.weight", "scale"), List.copyOf(f.tensors().keySet()));
        Tensor w = f.tensors().get("layer.0.weight");
        assertEquals(DType.F32, w.dtype());
        assertArrayEquals(new long[] {2, 3}, w.shape());
        assertArrayEquals(new double[] {1.5, -2.25, 3.0, 0.1f, 1e-30f, -7.0}, w.data());
        Tensor b = f.tensors().get("layer.0.bias");
        assertEquals(DType.F64, b.dtype());
        assertArrayEquals(new double[] {0.5, -0.125, 1e300}, b.data());
        assertArrayEquals(new long[] {}, f.tensors().get("scale").shape());
        assertArrayEquals(new double[] {2.5}, f.tensors().get("scale").data());
        assertArrayEquals(new long[] {0, 4}, f.tensors().get("empty").shape());
        assertNull(Artifacts.read(fixture("python-mixed.safetensors")).kind());
    }

    @Test
    void writerProducesTheReferenceImplementationsBytes() throws IOException {
        // same tensors and metadata → byte-identical to what Hugging Face's writer made
        SafetensorsFile f = SafetensorsReader.read(fixture("python-mixed.safetensors"));
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        SafetensorsWriter.write(bo, f.metadata(), f.tensors().values());
        assertArrayEquals(Files.readAllBytes(fixture("python-mixed.safetensors")), bo.toByteArray());
    }

    @Test
    void refusesBfloat16ByName() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> SafetensorsReader.read(fixture("python-bf16.safetensors")));
        assertEquals("tensor 'embed.weight' has dtype BF16; valuekit reads F32 and F64 tensors only", e.what());
        assertTrue(e.fix().contains("float32"), e.fix());
        assertTrue(e.source().endsWith("python-bf16.safetensors"));
    }

    @Test
    void readsAnUnpaddedHeaderInAnyKeyOrder() throws IOException {
        // 61-byte header, not a multiple of 8; tensors listed against their byte order; extra entry keys ignored
        String header = "{\"z\":{\"shape\":[2],\"data_offsets\":[0,8],\"dtype\":\"F32\"},"
                + "\"a\":{\"dtype\":\"F64\",\"shape\":[1,1],\"data_offsets\":[8,16]}}";
        Path p = dir.resolve("hand.safetensors");
        Files.write(p, RawSafetensors.file(header, RawSafetensors.concat(RawSafetensors.f32(1f, -1f), RawSafetensors.f64(Math.PI))));
        SafetensorsFile f = SafetensorsReader.read(p);
        assertTrue(f.metadata().isEmpty());
        assertEquals(List.of("z", "a"), List.copyOf(f.tensors().keySet()));
        assertArrayEquals(new double[] {1, -1}, f.tensors().get("z").data());
        assertArrayEquals(new double[] {Math.PI}, f.tensors().get("a").data());
    }

    @Test
    void readsTensorsLargerThanOneReadChunk() throws IOException {
        int n = 100_003; // several 64 KiB chunks and a ragged tail
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = (float) Math.sin(i);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = (float) v[i];
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[" + n + "],\"data_offsets\":[0," + (4L * n) + "]}}";
        Path p = dir.resolve("big.safetensors");
        Files.write(p, RawSafetensors.file(header, RawSafetensors.f32(f)));
        assertArrayEquals(v, SafetensorsReader.read(p).tensors().get("w").data());
    }
}
