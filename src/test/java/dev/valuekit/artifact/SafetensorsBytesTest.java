package dev.valuekit.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valuekit.common.AtomicOutput;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Parses what {@link Artifacts#write} produces byte by byte, as any safetensors reader would,
 * without using valuekit's reader: length prefix, JSON header, offsets, little-endian values.
 */
class SafetensorsBytesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writtenFileFollowsTheSafetensorsLayout() throws IOException {
        Artifact a = ArtifactsRoundTripTest.sample();
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (AtomicOutput out = AtomicOutput.open("-", bo)) {
            Artifacts.write(out, a);
            out.commit();
        }
        byte[] file = bo.toByteArray();

        // 8 bytes: unsigned little-endian header length
        long n = 0;
        for (int i = 7; i >= 0; i--) n = (n << 8) | (file[i] & 0xFF);
        assertTrue(n > 0 && 8 + n <= file.length);
        assertEquals(0, (8 + n) % 8, "data buffer starts 8-aligned");
        assertEquals('{', file[8]);
        String header = new String(file, 8, (int) n, StandardCharsets.UTF_8);
        JsonNode h = JSON.readTree(header);
        assertTrue(h.isObject());

        // __metadata__: strings only, with the valuekit keys
        JsonNode meta = h.get("__metadata__");
        Iterator<Map.Entry<String, JsonNode>> mf = meta.fields();
        while (mf.hasNext()) assertTrue(mf.next().getValue().isTextual());
        assertEquals("1", meta.get("valuekit.format").textValue());
        assertEquals("dynamics", meta.get("valuekit.kind").textValue());
        assertEquals(a.spec(), JSON.readTree(meta.get("valuekit.spec").textValue()));
        assertEquals(a.provenance(), JSON.readTree(meta.get("valuekit.provenance").textValue()));

        long bufferStart = 8 + n;
        long bufferSize = file.length - bufferStart;
        List<long[]> ranges = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = h.fields();
        int tensors = 0;
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) continue;
            tensors++;
            Tensor expected = a.tensors().get(e.getKey());
            assertNotNull(expected, e.getKey());
            JsonNode t = e.getValue();
            String dtype = t.get("dtype").textValue();
            int size = dtype.equals("F32") ? 4 : dtype.equals("F64") ? 8 : -1;
            assertEquals(expected.dtype().name(), dtype);
            long elements = 1;
            for (int i = 0; i < t.get("shape").size(); i++) {
                assertEquals(expected.shape()[i], t.get("shape").get(i).longValue());
                elements *= t.get("shape").get(i).longValue();
            }
            assertEquals(expected.shape().length, t.get("shape").size());
            long begin = t.get("data_offsets").get(0).longValue();
            long end = t.get("data_offsets").get(1).longValue();
            assertEquals(elements * size, end - begin, e.getKey());
            assertTrue(end <= bufferSize);
            assertEquals(0, (bufferStart + begin) % size, e.getKey() + " aligned to its element size");
            ranges.add(new long[] {begin, end});
            ByteBuffer data = ByteBuffer.wrap(file, (int) (bufferStart + begin), (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < elements; i++) {
                double v = size == 4 ? data.getFloat() : data.getDouble();
                assertEquals(Double.doubleToRawLongBits(expected.data()[i]), Double.doubleToRawLongBits(v), e.getKey() + "[" + i + "]");
            }
        }
        assertEquals(a.tensors().size(), tensors);
        // the ranges tile the buffer: no overlap, no hole, nothing after the last tensor
        ranges.sort((x, y) -> Long.compare(x[0], y[0]) != 0 ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        long pos = 0;
        for (long[] r : ranges) {
            assertEquals(pos, r[0]);
            pos = r[1];
        }
        assertEquals(bufferSize, pos);
    }

    @Test
    void tinyFileMatchesHandWrittenBytes() throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        SafetensorsWriter.write(bo, Map.of("k", "v"), List.of(
                new Tensor("b", DType.F32, new long[] {1}, new double[] {1.0}),
                new Tensor("a", DType.F64, new long[] {}, new double[] {-2.0})));
        String json = "{\"__metadata__\":{\"k\":\"v\"},\"a\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        String padded = json + " ".repeat((8 - json.length() % 8) % 8);
        byte[] expected = RawSafetensors.concat(RawSafetensors.le64(padded.length()),
                padded.getBytes(StandardCharsets.UTF_8),
                new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) 0xC0}, // -2.0 as little-endian double
                new byte[] {0, 0, (byte) 0x80, 0x3F});          // 1.0f as little-endian float
        assertArrayEquals(expected, bo.toByteArray());
    }
}
