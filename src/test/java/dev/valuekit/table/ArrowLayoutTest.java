package dev.valuekit.table;

import dev.valuekit.common.AtomicOutput;
import org.apache.arrow.flatbuf.Block;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.flatbuf.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Checks the bytes valuekit writes against the Arrow IPC specification (columnar format, "IPC
 * file format" / "IPC streaming format") by walking them by hand: magic, 8-byte alignment,
 * continuation markers, message lengths, footer position, end-of-stream marker, and the data
 * buffers themselves. Only the generated flatbuffer accessors of Format/*.fbs are used, not any
 * Arrow or valuekit reader.
 */
class ArrowLayoutTest {
    @TempDir
    Path dir;

    private static final double[] X = new double[70_000];
    private static final long[] N = new long[70_000];

    static {
        for (int i = 0; i < X.length; i++) {
            X[i] = i * 0.25 - 3;
            N[i] = i * 7L;
        }
    }

    private Batch table() {
        return new Batch.Builder(X.length).addDouble("x", X).addLong("n", N).build();
    }

    private byte[] write(String name) throws Exception {
        Path p = dir.resolve(name);
        try (TableWriter w = Tables.create(AtomicOutput.open(p.toString(), new ByteArrayOutputStream()), table().schema(),
                WriteOptions.defaults())) {
            w.write(table());
            w.finish();
        }
        return Files.readAllBytes(p);
    }

    private static ByteBuffer le(byte[] b) { return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN); }

    /** One encapsulated message at {@code pos}: continuation, length, flatbuffer; returns it and checks alignment. */
    private static Message message(byte[] bytes, int pos) {
        ByteBuffer b = le(bytes);
        assertEquals(0, pos % 8, "message starts 8-byte aligned");
        assertEquals(-1, b.getInt(pos), "continuation marker 0xFFFFFFFF");
        int len = b.getInt(pos + 4);
        assertEquals(0, (8 + len) % 8, "metadata padded to 8 bytes");
        ByteBuffer meta = ByteBuffer.wrap(bytes, pos + 8, len).slice().order(ByteOrder.LITTLE_ENDIAN);
        return Message.getRootAsMessage(meta);
    }

    /** Checks a record batch's buffers and returns the x values it holds. */
    private static List<Double> batchValues(byte[] bytes, int bodyStart, Message m) {
        RecordBatch rb = (RecordBatch) m.header(new RecordBatch());
        assertEquals(0, m.bodyLength() % 8, "body padded to 8 bytes");
        assertEquals(2, rb.nodesLength());
        assertEquals(4, rb.buffersLength()); // x: validity, data; n: validity, data
        List<Double> out = new ArrayList<>();
        ByteBuffer b = le(bytes);
        for (int i = 0; i < rb.buffersLength(); i++) assertEquals(0, rb.buffers(i).offset() % 8, "buffer aligned");
        long xData = bodyStart + rb.buffers(1).offset();
        long nData = bodyStart + rb.buffers(3).offset();
        for (int r = 0; r < rb.length(); r++) {
            out.add(b.getDouble((int) xData + 8 * r));
            assertEquals(out.get(out.size() - 1) * 28 + 84, b.getLong((int) nData + 8 * r), 1e-9);
        }
        return out;
    }

    private static double[] toArray(List<Double> l) {
        double[] a = new double[l.size()];
        for (int i = 0; i < a.length; i++) a[i] = l.get(i);
        return a;
    }

    @Test
    void fileFollowsTheIpcFileFormat() throws Exception {
        byte[] f = write("t.arrow");
        ByteBuffer b = le(f);
        assertArrayEquals("ARROW1\0\0".getBytes(), java.util.Arrays.copyOf(f, 8), "leading magic plus padding");
        assertArrayEquals("ARROW1".getBytes(), java.util.Arrays.copyOfRange(f, f.length - 6, f.length), "trailing magic");
        int footerLen = b.getInt(f.length - 10);
        int footerStart = f.length - 10 - footerLen;
        Footer footer = Footer.getRootAsFooter(ByteBuffer.wrap(f, footerStart, footerLen).slice().order(ByteOrder.LITTLE_ENDIAN));
        assertEquals(2, footer.schema().fieldsLength());
        assertEquals("x", footer.schema().fields(0).name());
        assertEquals(Type.FloatingPoint, footer.schema().fields(0).typeType());
        assertEquals(Type.Int, footer.schema().fields(1).typeType());
        assertEquals(2, footer.recordBatchesLength(), "70000 rows in batches of at most 65536");
        Message schemaMessage = message(f, 8);
        assertEquals(MessageHeader.Schema, schemaMessage.headerType());
        List<Double> xs = new ArrayList<>();
        for (int i = 0; i < footer.recordBatchesLength(); i++) {
            Block block = footer.recordBatches(i);
            assertEquals(0, block.offset() % 8);
            Message m = message(f, (int) block.offset());
            assertEquals(MessageHeader.RecordBatch, m.headerType());
            assertEquals(block.bodyLength(), m.bodyLength());
            int bodyStart = (int) (block.offset() + block.metaDataLength());
            assertEquals(0, bodyStart % 8);
            xs.addAll(batchValues(f, bodyStart, m));
            assertEquals(true, bodyStart + m.bodyLength() <= footerStart, "batch lies before the footer");
        }
        assertArrayEquals(X, toArray(xs));
    }

    @Test
    void streamFollowsTheIpcStreamingFormat() throws Exception {
        byte[] f = write("t.arrows");
        ByteBuffer b = le(f);
        int pos = 0;
        Message first = message(f, pos);
        assertEquals(MessageHeader.Schema, first.headerType());
        pos += 8 + b.getInt(pos + 4) + (int) first.bodyLength();
        List<Double> xs = new ArrayList<>();
        while (b.getInt(pos + 4) != 0) {
            Message m = message(f, pos);
            assertEquals(MessageHeader.RecordBatch, m.headerType());
            int bodyStart = pos + 8 + b.getInt(pos + 4);
            xs.addAll(batchValues(f, bodyStart, m));
            pos = bodyStart + (int) m.bodyLength();
        }
        assertEquals(-1, b.getInt(pos), "end-of-stream: continuation marker");
        assertEquals(0, b.getInt(pos + 4), "end-of-stream: zero length");
        assertEquals(f.length, pos + 8, "nothing after the end-of-stream marker");
        assertArrayEquals(X, toArray(xs));
    }
}
