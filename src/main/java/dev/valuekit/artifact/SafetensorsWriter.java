package dev.valuekit.artifact;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes safetensors files that any safetensors reader loads, byte-for-byte deterministic:
 * <ul>
 *   <li>the header is compact JSON: {@code __metadata__} first (keys sorted; omitted when empty),
 *       then one entry per tensor with keys {@code dtype, shape, data_offsets};</li>
 *   <li>tensors are ordered by element size, largest first, then by name (as the reference writer
 *       does): with the header padded with spaces to a multiple of 8 bytes, every tensor then
 *       starts at a file offset aligned to its element size, so readers can map it in place;</li>
 *   <li>the data buffer holds the tensors back to back, little-endian, row-major.</li>
 * </ul>
 * The same metadata and tensors therefore give the same bytes, whatever their order in the input.
 */
public final class SafetensorsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 1 << 16;

    /** The order tensors are stored in (see the class comment). */
    static final Comparator<Tensor> STORAGE_ORDER =
            Comparator.comparingInt((Tensor t) -> -t.dtype().bytes()).thenComparing(Tensor::name);

    private SafetensorsWriter() {}

    /**
     * Writes a complete file to {@code out} (not closed; flushed). Throws IllegalArgumentException for
     * a name that is empty, repeated or {@code __metadata__}, or an F32 value that is not a float.
     */
    public static void write(OutputStream out, Map<String, String> metadata, Collection<Tensor> tensors) throws IOException {
        List<Tensor> order = new ArrayList<>(tensors);
        order.sort(STORAGE_ORDER);
        byte[] header = header(metadata, order);
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(header.length);
        out.write(buf.array(), 0, 8);
        out.write(header);
        for (Tensor t : order) writeData(out, t, buf);
        out.flush();
    }

    /** The JSON header, padded with spaces so that the data buffer starts at a multiple of 8. */
    static byte[] header(Map<String, String> metadata, List<Tensor> order) throws IOException {
        ObjectNode h = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode m = h.putObject("__metadata__");
            new TreeMap<>(metadata).forEach(m::put);
        }
        Set<String> names = new HashSet<>();
        long offset = 0;
        for (Tensor t : order) {
            if (t.name().isEmpty() || t.name().equals("__metadata__") || !names.add(t.name())) {
                throw new IllegalArgumentException("tensor name '" + t.name() + "' is empty, reserved or repeated");
            }
            ObjectNode e = h.putObject(t.name());
            e.put("dtype", t.dtype().name());
            ArrayNode shape = e.putArray("shape");
            for (long d : t.shape()) shape.add(d);
            e.putArray("data_offsets").add(offset).add(offset + t.byteSize());
            offset += t.byteSize();
        }
        byte[] json = JSON.writeValueAsString(h).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        System.arraycopy(json, 0, out, 0, json.length);
        java.util.Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    private static void writeData(OutputStream out, Tensor t, ByteBuffer buf) throws IOException {
        double[] data = t.data();
        buf.clear();
        for (int i = 0; i < data.length; i++) {
            if (buf.remaining() < 8) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            double v = data[i];
            if (t.dtype() == DType.F32) {
                float f = (float) v;
                if (f != v && !Double.isNaN(v)) {
                    throw new IllegalArgumentException("tensor " + t.name() + ": value " + v + " at index " + i
                            + " is not exactly a float32; round it with (float) when building an F32 tensor");
                }
                buf.putFloat(f);
            } else {
                buf.putDouble(v);
            }
        }
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }
}
