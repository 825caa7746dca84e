package dev.valuekit.table;

import dev.valuekit.common.AtomicOutput;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Writes one Parquet file (Snappy pages, row groups of {@link #ROW_GROUP_BYTES}): FLOAT32 → FLOAT,
 * FLOAT64 → DOUBLE, INT64 → INT64, BOOL → BOOLEAN, STRING → optional UTF-8 BINARY. Numeric columns are
 * required (they never hold a missing value); strings may be null, as in the Arrow writer. The file is
 * written front to back, so it can go to stdout as well as to an {@link AtomicOutput}.
 */
final class ParquetTableWriter implements TableWriter {
    /** Row-group target: bounded memory while writing, large enough for efficient scans. */
    static final long ROW_GROUP_BYTES = 64L << 20;

    private final Schema schema;
    private final AtomicOutput out;
    private final Rows rows;
    private final ParquetWriter<Integer> writer;

    ParquetTableWriter(AtomicOutput out, Schema schema) throws IOException {
        this(out, schema, ROW_GROUP_BYTES);
    }

    /** With a smaller row-group target, so tests can make files of many row groups. */
    ParquetTableWriter(AtomicOutput out, Schema schema, long rowGroupBytes) throws IOException {
        this.schema = schema;
        this.out = out;
        this.rows = new Rows(schema, parquetSchema(schema));
        this.writer = new Builder(new StreamOutputFile(out.stream()), rows)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(ParquetCodecs.INSTANCE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(rowGroupBytes)
                .build();
    }

    static MessageType parquetSchema(Schema schema) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (Field f : schema.fields()) {
            switch (f.type()) {
                case FLOAT32 -> b.required(PrimitiveTypeName.FLOAT).named(f.name());
                case FLOAT64 -> b.required(PrimitiveTypeName.DOUBLE).named(f.name());
                case INT64 -> b.required(PrimitiveTypeName.INT64).named(f.name());
                case BOOL -> b.required(PrimitiveTypeName.BOOLEAN).named(f.name());
                case STRING -> b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(f.name());
            }
        }
        return b.named("valuekit");
    }

    @Override public Schema schema() { return schema; }

    @Override
    public void write(Batch batch) throws IOException {
        if (!batch.schema().equals(schema)) throw new IllegalArgumentException("batch schema " + batch.schema() + " differs from " + schema);
        rows.batch = batch;
        for (int r = 0; r < batch.rows(); r++) writer.write(r);
        rows.batch = null;
    }

    @Override
    public void finish() throws IOException {
        writer.close();
        out.stream().flush();
        out.commit();
    }

    @Override
    public void close() throws IOException {
        try {
            writer.close();
        } catch (IOException | RuntimeException ignored) {
            // the output is discarded below; the error that matters was already raised
        } finally {
            out.close();
        }
    }

    /** Hands row {@code r} of the current batch to Parquet's record consumer, column by column. */
    private static final class Rows extends WriteSupport<Integer> {
        private final Schema schema;
        private final MessageType type;
        private RecordConsumer consumer;
        Batch batch;

        Rows(Schema schema, MessageType type) {
            this.schema = schema;
            this.type = type;
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(type, Map.of("writer.model.name", "valuekit"));
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            return new WriteContext(type, Map.of("writer.model.name", "valuekit"));
        }

        @Override public void prepareForWrite(RecordConsumer recordConsumer) { this.consumer = recordConsumer; }

        @Override
        public void write(Integer row) {
            int r = row;
            consumer.startMessage();
            for (int c = 0; c < schema.size(); c++) {
                String name = schema.name(c);
                Object col = batch.column(c);
                if (col instanceof String[] s && s[r] == null) continue; // a missing string: no field at all
                consumer.startField(name, c);
                switch (schema.type(c)) {
                    case FLOAT32 -> consumer.addFloat((float) ((double[]) col)[r]);
                    case FLOAT64 -> consumer.addDouble(((double[]) col)[r]);
                    case INT64 -> consumer.addLong(((long[]) col)[r]);
                    case BOOL -> consumer.addBoolean(((boolean[]) col)[r]);
                    case STRING -> consumer.addBinary(Binary.fromString(((String[]) col)[r]));
                }
                consumer.endField(name, c);
            }
            consumer.endMessage();
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
        private final Rows rows;

        Builder(OutputFile file, Rows rows) {
            super(file);
            this.rows = rows;
        }

        @Override protected Builder self() { return this; }
        @Override protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration conf) { return rows; }
        @Override protected WriteSupport<Integer> getWriteSupport(org.apache.hadoop.conf.Configuration conf) { return rows; }
    }

    /** A Parquet output over a plain stream, counting bytes for the footer's offsets. */
    private static final class StreamOutputFile implements OutputFile {
        private final OutputStream out;

        StreamOutputFile(OutputStream out) { this.out = out; }

        @Override public PositionOutputStream create(long blockSizeHint) { return createOrOverwrite(blockSizeHint); }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return new PositionOutputStream() {
                private long pos;

                @Override public long getPos() { return pos; }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    pos++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    pos += len;
                }

                @Override public void flush() throws IOException { out.flush(); }

                @Override public void close() throws IOException { out.flush(); } // AtomicOutput owns the stream
            };
        }

        @Override public boolean supportsBlockSize() { return false; }
        @Override public long defaultBlockSize() { return 0; }
    }
}
