package dev.valuekit.table;

import dev.valuekit.common.BadInputException;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a Parquet file, or the part files of a Parquet data set one after another, row group by
 * row group and column by column (no record assembly). Types: FLOAT → FLOAT32, DOUBLE → FLOAT64, any
 * integer → INT64, BOOLEAN → BOOL, UTF-8/enum/JSON binary → STRING, DATE → STRING (ISO yyyy-mm-dd,
 * as the CSV reader keeps dates). A null is allowed in string columns only, as in the Arrow reader;
 * nested and repeated columns, timestamps and decimals are refused with a hint. Memory is bounded by
 * one row group's compressed pages plus one batch.
 */
final class ParquetTableReader implements TableReader {
    /** The column readers resolve no record converters; they only need one to exist per column. */
    private static final GroupConverter NO_RECORDS = new GroupConverter() {
        @Override public Converter getConverter(int fieldIndex) { return new PrimitiveConverter() {}; }
        @Override public void start() {}
        @Override public void end() {}
    };

    private final List<Part> parts;
    private final String source;
    private final ReadOptions options;
    private final Schema schema;
    private final MessageType fileSchema;
    private final ColumnDescriptor[] columns;
    private int partIndex = -1;
    private String partName;
    private ParquetFileReader file;
    private ColumnReader[] readers;
    private long groupLeft;
    private long rowsRead;
    private long partRows; // rows read from the current part, for error positions

    /** One input file and the name errors give for it. */
    record Part(InputFile file, String name) {}

    ParquetTableReader(List<Part> parts, String source, ReadOptions options) {
        if (parts.isEmpty()) throw new IllegalArgumentException("no parts");
        this.parts = parts;
        this.source = source;
        this.options = options;
        try {
            openPart(0);
            this.fileSchema = file.getFooter().getFileMetaData().getSchema();
            this.columns = fileSchema.getColumns().toArray(new ColumnDescriptor[0]);
            this.schema = mapSchema();
        } catch (RuntimeException e) {
            closeFile();
            throw e;
        }
    }

    private void openPart(int index) {
        closeFile();
        partIndex = index;
        Part p = parts.get(index);
        partName = p.name();
        partRows = 0;
        try {
            file = ParquetFileReader.open(p.file(), readOptions());
        } catch (IOException | RuntimeException e) {
            throw corrupt(e);
        }
        if (fileSchema != null && !file.getFooter().getFileMetaData().getSchema().equals(fileSchema)) {
            throw BadInputException.inFile("part file's schema differs from the first part's", partName,
                    "all part files of a data set need the same columns and types; rewrite them with one schema");
        }
    }

    /** Pure-Java codecs, and page checksums verified where the writer stored them. */
    static ParquetReadOptions readOptions() {
        return ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(ParquetCodecs.INSTANCE)
                .usePageChecksumVerification(true)
                .build();
    }

    private Schema mapSchema() {
        List<Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ColumnDescriptor d : columns) {
            String name = String.join(".", d.getPath());
            if (d.getPath().length != 1 || d.getMaxRepetitionLevel() > 0) {
                throw unsupported(name, "nested or repeated column");
            }
            ColumnType type = columnType(d.getPrimitiveType());
            if (type == null) throw unsupported(name, d.getPrimitiveType().toString());
            if (!names.add(name)) {
                throw new BadInputException("duplicated column name", partName, -1, name,
                        "rename or drop one of the columns named '" + name + "'");
            }
            fields.add(new Field(name, type));
        }
        if (fields.isEmpty()) throw BadInputException.inFile("Parquet file has no columns", partName, "write a table with at least one column");
        return new Schema(fields);
    }

    private static ColumnType columnType(PrimitiveType t) {
        LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
        return switch (t.getPrimitiveTypeName()) {
            case BOOLEAN -> a == null ? ColumnType.BOOL : null;
            case INT32 -> a == null || a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation ? ColumnType.INT64
                    : a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation ? ColumnType.STRING : null;
            case INT64 -> a == null || a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.isSigned() ? ColumnType.INT64 : null;
            case FLOAT -> a == null ? ColumnType.FLOAT32 : null;
            case DOUBLE -> a == null ? ColumnType.FLOAT64 : null;
            case BINARY -> a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                    || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                    || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation ? ColumnType.STRING : null;
            default -> null;
        };
    }

    private BadInputException unsupported(String column, String type) {
        return new BadInputException("unsupported Parquet column type " + type.trim(), partName, -1, column,
                "valuekit reads float, double, integers, boolean, UTF-8 strings and dates in flat columns; cast the column, flatten lists to obs_0, obs_1, ..., or leave it out");
    }

    private BadInputException corrupt(Exception e) {
        if (e instanceof BadInputException b) return b;
        if (e instanceof ParquetCodecs.UnsupportedCodecException) {
            return BadInputException.inFile(e.getMessage(), partName, "rewrite the file with snappy, zstd, gzip, lz4_raw or no compression");
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace('\n', ' ').replace('\r', ' ');
        if (msg.length() > 120) msg = msg.substring(0, 120) + "...";
        return BadInputException.inFile("truncated or corrupt Parquet file (" + msg + ")", partName,
                "the file is incomplete or damaged; write it again");
    }

    @Override public Schema schema() { return schema; }
    @Override public String source() { return source; }
    @Override public long rowsRead() { return rowsRead; }

    @Override
    public Batch next() throws IOException {
        try {
            while (groupLeft == 0) {
                if (!nextRowGroup()) return null;
            }
            int n = (int) Math.min(options.batchSize(), groupLeft);
            Object[] cols = new Object[columns.length];
            for (int c = 0; c < cols.length; c++) cols[c] = read(c, n);
            groupLeft -= n;
            rowsRead += n;
            partRows += n;
            return new Batch(schema, n, cols);
        } catch (IOException | RuntimeException e) {
            throw corrupt(e);
        }
    }

    private boolean nextRowGroup() throws IOException {
        PageReadStore group = file.readNextRowGroup();
        while (group == null) {
            if (partIndex + 1 >= parts.size()) return false;
            openPart(partIndex + 1);
            group = file.readNextRowGroup();
        }
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(group, NO_RECORDS, fileSchema, file.getFooter().getFileMetaData().getCreatedBy());
        readers = new ColumnReader[columns.length];
        for (int c = 0; c < columns.length; c++) readers[c] = store.getColumnReader(columns[c]);
        groupLeft = group.getRowCount();
        return true;
    }

    /** The next {@code n} values of column {@code c}. */
    private Object read(int c, int n) {
        ColumnReader r = readers[c];
        int defined = columns[c].getMaxDefinitionLevel();
        PrimitiveType type = columns[c].getPrimitiveType();
        ColumnType target = schema.type(c);
        if (target == ColumnType.STRING) {
            String[] out = new String[n];
            boolean date = type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32;
            for (int i = 0; i < n; i++, r.consume()) {
                if (r.getCurrentDefinitionLevel() < defined) continue;
                out[i] = date ? LocalDate.ofEpochDay(r.getInteger()).toString() : r.getBinary().toStringUsingUTF8();
            }
            return out;
        }
        return switch (type.getPrimitiveTypeName()) {
            case BOOLEAN -> {
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++, r.consume()) out[i] = present(r, defined, c, i) && r.getBoolean();
                yield out;
            }
            case INT32 -> {
                long[] out = new long[n];
                boolean unsigned = type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation a && !a.isSigned();
                for (int i = 0; i < n; i++, r.consume()) {
                    if (!present(r, defined, c, i)) continue;
                    out[i] = unsigned ? Integer.toUnsignedLong(r.getInteger()) : r.getInteger();
                }
                yield out;
            }
            case INT64 -> {
                long[] out = new long[n];
                for (int i = 0; i < n; i++, r.consume()) if (present(r, defined, c, i)) out[i] = r.getLong();
                yield out;
            }
            case FLOAT -> {
                double[] out = new double[n];
                for (int i = 0; i < n; i++, r.consume()) if (present(r, defined, c, i)) out[i] = r.getFloat();
                yield finite(out, c);
            }
            case DOUBLE -> {
                double[] out = new double[n];
                for (int i = 0; i < n; i++, r.consume()) if (present(r, defined, c, i)) out[i] = r.getDouble();
                yield finite(out, c);
            }
            default -> throw new IllegalStateException("unmapped type " + type);
        };
    }

    /** True when row {@code i} holds a value; a null in a numeric column is bad input. */
    private boolean present(ColumnReader r, int defined, int c, int i) {
        if (defined == 0 || r.getCurrentDefinitionLevel() == defined) return true;
        throw new BadInputException("missing (null) value", partName, partRows + i + 1, schema.name(c),
                "fill in the value, or leave the column out");
    }

    private double[] finite(double[] values, int c) {
        options.requireFinite(values, partName, partRows, schema.name(c));
        return values;
    }

    @Override
    public void close() {
        closeFile();
    }

    private void closeFile() {
        if (file == null) return;
        try {
            file.close();
        } catch (IOException | RuntimeException ignored) {
            // closing a damaged input; the error that matters was already reported
        }
        file = null;
    }
}
