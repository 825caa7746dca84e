package dev.valuekit.table;

import dev.valuekit.common.AtomicOutput;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.ArrowWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes flat columns as an Arrow IPC file or stream (current format: continuation markers, 8-byte
 * alignment), readable by every Arrow implementation. Large batches are split into record batches
 * of at most {@link #MAX_ROWS} rows so readers can stream them.
 */
final class ArrowTableWriter implements TableWriter {
    static final int MAX_ROWS = 65536;

    private final Schema schema;
    private final AtomicOutput out;
    private final BufferAllocator allocator;
    private final VectorSchemaRoot root;
    private final ArrowWriter writer;
    private boolean started;

    ArrowTableWriter(AtomicOutput out, Schema schema, boolean file) {
        this.schema = schema;
        this.out = out;
        this.allocator = new RootAllocator();
        this.root = VectorSchemaRoot.create(arrowSchema(schema), allocator);
        var channel = Channels.newChannel(out.stream());
        this.writer = file ? new ArrowFileWriter(root, null, channel) : new ArrowStreamWriter(root, null, channel);
    }

    static org.apache.arrow.vector.types.pojo.Schema arrowSchema(Schema schema) {
        List<org.apache.arrow.vector.types.pojo.Field> fields = new ArrayList<>();
        for (Field f : schema.fields()) {
            ArrowType t = switch (f.type()) {
                case FLOAT32 -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
                case FLOAT64 -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
                case INT64 -> new ArrowType.Int(64, true);
                case BOOL -> ArrowType.Bool.INSTANCE;
                case STRING -> ArrowType.Utf8.INSTANCE;
            };
            // Only strings may be missing; numeric columns always hold a value.
            FieldType ft = f.type() == ColumnType.STRING ? FieldType.nullable(t) : FieldType.notNullable(t);
            fields.add(new org.apache.arrow.vector.types.pojo.Field(f.name(), ft, null));
        }
        return new org.apache.arrow.vector.types.pojo.Schema(fields);
    }

    @Override public Schema schema() { return schema; }

    @Override
    public void write(Batch batch) throws IOException {
        if (!batch.schema().equals(schema)) throw new IllegalArgumentException("batch schema " + batch.schema() + " differs from " + schema);
        start();
        for (int from = 0; from < batch.rows(); from += MAX_ROWS) {
            int n = Math.min(MAX_ROWS, batch.rows() - from);
            fill(batch, from, n);
            writer.writeBatch();
        }
    }

    private void start() throws IOException {
        if (!started) {
            writer.start();
            started = true;
        }
    }

    private void fill(Batch b, int from, int n) {
        List<FieldVector> vectors = root.getFieldVectors();
        for (int c = 0; c < vectors.size(); c++) {
            FieldVector v = vectors.get(c);
            switch (schema.type(c)) {
                case FLOAT32 -> {
                    Float4Vector f = (Float4Vector) v;
                    f.allocateNew(n);
                    double[] a = b.doubleColumn(c);
                    for (int i = 0; i < n; i++) f.set(i, (float) a[from + i]);
                }
                case FLOAT64 -> {
                    Float8Vector f = (Float8Vector) v;
                    f.allocateNew(n);
                    double[] a = b.doubleColumn(c);
                    for (int i = 0; i < n; i++) f.set(i, a[from + i]);
                }
                case INT64 -> {
                    BigIntVector f = (BigIntVector) v;
                    f.allocateNew(n);
                    long[] a = b.longColumn(c);
                    for (int i = 0; i < n; i++) f.set(i, a[from + i]);
                }
                case BOOL -> {
                    BitVector f = (BitVector) v;
                    f.allocateNew(n);
                    boolean[] a = b.boolColumn(c);
                    for (int i = 0; i < n; i++) f.set(i, a[from + i] ? 1 : 0);
                }
                case STRING -> {
                    VarCharVector f = (VarCharVector) v;
                    f.allocateNew(n);
                    String[] a = b.stringColumn(c);
                    for (int i = 0; i < n; i++) {
                        if (a[from + i] == null) f.setNull(i);
                        else f.setSafe(i, a[from + i].getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            v.setValueCount(n);
        }
        root.setRowCount(n);
    }

    @Override
    public void finish() throws IOException {
        start();
        writer.end();
        out.stream().flush();
        out.commit();
    }

    @Override
    public void close() throws IOException {
        try {
            root.close();
            allocator.close();
        } finally {
            out.close();
        }
    }
}
