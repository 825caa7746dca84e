package dev.valuekit.table;

import dev.valuekit.common.BadInputException;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an Arrow IPC file or stream. Flat columns map to valuekit types (float → FLOAT32/FLOAT64,
 * any integer → INT64, bool → BOOL, utf8/large utf8 → STRING); a fixed-size list of floats named
 * {@code obs} becomes columns {@code obs_0 .. obs_{d-1}}. Record batches larger than the batch size
 * are handed out in slices, so memory is bounded by the file's own batches and ours.
 */
final class ArrowTableReader implements TableReader {
    /**
     * Where one output column's values come from: {@code stored} is the Arrow vector's own type,
     * {@code type} the column's (they differ for flags and counters stored as other numbers).
     */
    private record Source(int vector, int width, int element, ColumnType type, ColumnType stored, String name) {}

    private final String source;
    private final ReadOptions options;
    private final ArrowMemory memory;
    private final ArrowReader reader;
    private final String kind;
    private final Schema schema;
    private final List<Source> sources = new ArrayList<>();
    private VectorSchemaRoot root;
    private int offset;      // next row of the loaded record batch
    private int loadedRows;  // rows in the loaded record batch
    private long rowsRead;

    private ArrowTableReader(String source, ReadOptions options, ArrowMemory memory, ArrowReader reader, String kind) {
        this.source = source;
        this.options = options;
        this.memory = memory;
        this.reader = reader;
        this.kind = kind;
        try {
            this.root = reader.getVectorSchemaRoot();
        } catch (IOException | RuntimeException e) {
            throw corrupt(e);
        } catch (OutOfMemoryError e) {
            throw tooLarge();
        }
        this.schema = mapSchema(root);
    }

    static ArrowTableReader file(SeekableByteChannel channel, String source, ReadOptions options) throws IOException {
        ArrowMemory memory = ArrowMemory.forInput(channel.size());
        ArrowFileReader r = new ArrowFileReader(channel, memory.allocator());
        return open(source, options, memory, r, "Arrow IPC file");
    }

    /** @param length the stream's size in bytes, or -1 when unknown (stdin) */
    static ArrowTableReader stream(InputStream in, long length, String source, ReadOptions options) {
        ArrowMemory memory = ArrowMemory.forInput(length);
        ArrowStreamReader r = new ArrowStreamReader(in, memory.allocator());
        return open(source, options, memory, r, "Arrow IPC stream");
    }

    private static ArrowTableReader open(String source, ReadOptions options, ArrowMemory memory, ArrowReader r, String kind) {
        try {
            return new ArrowTableReader(source, options, memory, r, kind);
        } catch (RuntimeException e) {
            closeQuietly(r, memory);
            throw e;
        }
    }

    private Schema mapSchema(VectorSchemaRoot root) {
        List<Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<FieldVector> vectors = root.getFieldVectors();
        for (int v = 0; v < vectors.size(); v++) {
            org.apache.arrow.vector.types.pojo.Field f = vectors.get(v).getField();
            String name = f.getName();
            if (f.getDictionary() != null) throw unsupported(name, "dictionary-encoded " + f.getType());
            ArrowType t = f.getType();
            if (t instanceof ArrowType.FixedSizeList list) {
                ColumnType elem = f.getChildren().size() == 1 ? floatType(f.getChildren().get(0).getType()) : null;
                if (elem == null) throw unsupported(name, "fixed-size list of " + f.getChildren().get(0).getType());
                for (int k = 0; k < list.getListSize(); k++) {
                    sources.add(new Source(v, list.getListSize(), k, elem, elem, name + "_" + k));
                }
            } else {
                ColumnType stored = flatType(t);
                if (stored == null) throw unsupported(name, t.toString());
                sources.add(new Source(v, 0, -1, designType(name, stored), stored, name));
            }
        }
        for (Source s : sources) {
            if (s.name().isEmpty()) throw new BadInputException("empty column name", source, -1, null, "give every column a name");
            if (!names.add(s.name())) {
                throw new BadInputException("duplicated column name", source, -1, s.name(),
                        "rename or drop one of the columns named '" + s.name() + "'");
            }
            fields.add(new Field(s.name(), s.type()));
        }
        return new Schema(fields);
    }

    /**
     * DESIGN section 2 fixes the transition flags to bool (or 0/1) and the counters to integers: a
     * numeric flag column is read as BOOL and a float counter as INT64, each value checked.
     */
    private static ColumnType designType(String name, ColumnType stored) {
        if (TransitionColumns.isFlag(name) && stored.isNumeric()) return ColumnType.BOOL;
        if (TransitionColumns.isCounter(name) && (stored == ColumnType.FLOAT32 || stored == ColumnType.FLOAT64)) return ColumnType.INT64;
        return stored;
    }

    private static ColumnType floatType(ArrowType t) {
        if (t instanceof ArrowType.FloatingPoint fp) {
            if (fp.getPrecision() == FloatingPointPrecision.SINGLE) return ColumnType.FLOAT32;
            if (fp.getPrecision() == FloatingPointPrecision.DOUBLE) return ColumnType.FLOAT64;
        }
        return null;
    }

    private static ColumnType flatType(ArrowType t) {
        if (t instanceof ArrowType.Int) return ColumnType.INT64;
        if (t instanceof ArrowType.Bool) return ColumnType.BOOL;
        if (t instanceof ArrowType.Utf8 || t instanceof ArrowType.LargeUtf8) return ColumnType.STRING;
        return floatType(t);
    }

    private BadInputException unsupported(String column, String type) {
        return new BadInputException("unsupported Arrow column type " + type, source, -1, column,
                "valuekit reads float32/float64, integers, bool, utf8 and fixed-size lists of floats; cast the column or leave it out");
    }

    private BadInputException corrupt(Exception e) {
        if (e instanceof BadInputException b) return b;
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (msg.startsWith("missing Magic number")) msg = "no footer: the file ends early";
        if (e instanceof org.apache.arrow.memory.OutOfMemoryException) msg = "a message declares more bytes than the input can hold";
        return BadInputException.inFile("truncated or corrupt " + kind + " (" + oneLine(msg) + ")", source,
                "the file is incomplete or damaged; write it again");
    }

    /**
     * Arrow reads a message's metadata into a heap buffer of the length the input declares; a damaged
     * length (2 GB) fails that one allocation, before anything was read, so the input is simply corrupt.
     */
    private BadInputException tooLarge() {
        return corrupt(new IOException("a message declares more bytes than fit in memory"));
    }

    private static String oneLine(String s) {
        s = s.replace('\n', ' ').replace('\r', ' ');
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    @Override public Schema schema() { return schema; }
    @Override public String source() { return source; }
    @Override public long rowsRead() { return rowsRead; }

    @Override
    public Batch next() throws IOException {
        try {
            while (offset >= loadedRows) {
                if (!reader.loadNextBatch()) return null;
                loadedRows = root.getRowCount();
                offset = 0;
            }
        } catch (IOException | RuntimeException e) {
            throw corrupt(e);
        } catch (OutOfMemoryError e) {
            throw tooLarge();
        }
        int n = Math.min(options.batchSize(), loadedRows - offset);
        Batch b;
        try {
            b = copy(offset, n);
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
        offset += n;
        rowsRead += n;
        return b;
    }

    private Batch copy(int from, int n) {
        List<FieldVector> vectors = root.getFieldVectors();
        Object[] cols = new Object[sources.size()];
        for (int c = 0; c < cols.length; c++) {
            Source s = sources.get(c);
            FieldVector v = vectors.get(s.vector());
            if (s.element() >= 0) {
                cols[c] = listElement((FixedSizeListVector) v, s, from, n, c);
                continue;
            }
            checkNoNulls(v, from, n, c);
            cols[c] = switch (s.type()) {
                case FLOAT32 -> floats((Float4Vector) v, from, n, c);
                case FLOAT64 -> doubles((Float8Vector) v, from, n, c);
                case INT64 -> s.stored() == ColumnType.INT64 ? longs((BaseIntVector) v, from, n) : counters(v, from, n, c);
                case BOOL -> s.stored() == ColumnType.BOOL ? bools((BitVector) v, from, n) : flags(v, from, n, c);
                case STRING -> strings(v, from, n);
            };
        }
        return new Batch(schema, n, cols);
    }

    private void checkNoNulls(FieldVector v, int from, int n, int c) {
        if (v.getNullCount() == 0 || v instanceof VarCharVector || v instanceof LargeVarCharVector) return;
        for (int i = 0; i < n; i++) {
            if (v.isNull(from + i)) {
                throw new BadInputException("missing (null) value", source, rowsRead + i + 1, schema.name(c),
                        "fill in the value, or leave the column out");
            }
        }
    }

    private double[] floats(Float4Vector v, int from, int n, int c) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = v.get(from + i);
        checkFinite(out, c);
        return out;
    }

    private double[] doubles(Float8Vector v, int from, int n, int c) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = v.get(from + i);
        checkFinite(out, c);
        return out;
    }

    private double[] listElement(FixedSizeListVector v, Source s, int from, int n, int c) {
        FieldVector child = (FieldVector) v.getDataVector();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int idx = (from + i) * s.width() + s.element();
            if (v.isNull(from + i) || child.isNull(idx)) {
                throw new BadInputException("missing (null) value", source, rowsRead + i + 1, s.name(),
                        "fill in the value, or leave the column out");
            }
            out[i] = child instanceof Float4Vector f ? f.get(idx) : ((Float8Vector) child).get(idx);
        }
        checkFinite(out, c);
        return out;
    }

    private void checkFinite(double[] values, int c) {
        options.requireFinite(values, source, rowsRead, schema.name(c));
    }

    private static double number(FieldVector v, int i) {
        return v instanceof BaseIntVector iv ? iv.getValueAsLong(i) : ((FloatingPointVector) v).getValueAsDouble(i);
    }

    private boolean[] flags(FieldVector v, int from, int n, int c) {
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            double x = number(v, from + i);
            if (x != 0 && x != 1) {
                throw new BadInputException("'" + NumberText.toString(x) + "' is not a flag", source, rowsRead + i + 1,
                        schema.name(c), "use 0/1 or true/false");
            }
            out[i] = x == 1;
        }
        return out;
    }

    private long[] counters(FieldVector v, int from, int n, int c) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            double x = number(v, from + i);
            if (x != Math.rint(x) || Math.abs(x) >= 0x1p53) {
                throw new BadInputException("'" + NumberText.toString(x) + "' is not an integer", source, rowsRead + i + 1,
                        schema.name(c), "the column " + schema.name(c) + " holds integer counters; fix the value");
            }
            out[i] = (long) x;
        }
        return out;
    }

    private static long[] longs(BaseIntVector v, int from, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) out[i] = v.getValueAsLong(from + i);
        return out;
    }

    private static boolean[] bools(BitVector v, int from, int n) {
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) out[i] = v.get(from + i) != 0;
        return out;
    }

    private static String[] strings(FieldVector v, int from, int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            if (v.isNull(from + i)) continue;
            byte[] b = v instanceof VarCharVector s ? s.get(from + i) : ((LargeVarCharVector) v).get(from + i);
            out[i] = new String(b, StandardCharsets.UTF_8);
        }
        return out;
    }

    /** Arrow memory this reader still holds (tests check it is 0 after close). */
    long heldBytes() { return memory.heldBytes(); }

    @Override
    public void close() throws IOException {
        closeQuietly(reader, memory);
    }

    private static void closeQuietly(ArrowReader r, ArrowMemory memory) {
        try {
            r.close();
        } catch (IOException | RuntimeException ignored) {
            // closing a damaged input; the error that matters was already reported
        }
        memory.close();
    }
}
