package dev.valuekit.table;

import dev.valuekit.common.AtomicOutput;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Writes CSV (RFC 4180: CRLF line ends, as Python's csv module writes the shared data sets) with a
 * header row. Numbers are formatted straight into a byte
 * buffer in Python's repr style (see {@link NumberText}), so no String is made per cell; BOOL is
 * written as 0/1 and INT64 as plain integers, which is what the shared data sets hold.
 */
final class CsvTableWriter implements TableWriter {
    private static final int BUFFER = 1 << 16;
    private static final int MAX_NUMBER = 40;

    private final Schema schema;
    private final AtomicOutput out;
    private final OutputStream sink;
    private final GZIPOutputStream gzip;
    private final byte[] buf = new byte[BUFFER];
    private int pos;

    CsvTableWriter(AtomicOutput out, Schema schema, boolean gzipped) throws IOException {
        this.schema = schema;
        this.out = out;
        this.gzip = gzipped ? new GZIPOutputStream(out.stream(), BUFFER) : null;
        this.sink = gzipped ? gzip : out.stream();
        for (int c = 0; c < schema.size(); c++) {
            if (c > 0) put((byte) ',');
            text(schema.name(c));
        }
        put((byte) '\r');
        put((byte) '\n');
    }

    @Override public Schema schema() { return schema; }

    @Override
    public void write(Batch b) throws IOException {
        if (!b.schema().equals(schema)) throw new IllegalArgumentException("batch schema " + b.schema() + " differs from " + schema);
        int cols = schema.size();
        ColumnType[] types = new ColumnType[cols];
        for (int c = 0; c < cols; c++) types[c] = schema.type(c);
        for (int r = 0; r < b.rows(); r++) {
            for (int c = 0; c < cols; c++) {
                if (BUFFER - pos < MAX_NUMBER + 1) flush();
                if (c > 0) buf[pos++] = ',';
                switch (types[c]) {
                    case FLOAT64 -> pos = NumberText.appendDouble(buf, pos, b.doubleColumn(c)[r]);
                    case FLOAT32 -> pos = NumberText.appendFloat(buf, pos, (float) b.doubleColumn(c)[r]);
                    case INT64 -> pos = NumberText.appendLong(buf, pos, b.longColumn(c)[r]);
                    case BOOL -> buf[pos++] = (byte) (b.boolColumn(c)[r] ? '1' : '0');
                    case STRING -> {
                        String s = b.stringColumn(c)[r];
                        if (s != null) text(s);
                    }
                }
            }
            if (BUFFER - pos < 2) flush();
            buf[pos++] = '\r';
            buf[pos++] = '\n';
        }
    }

    /** A text cell, quoted when it holds a comma, quote, line break or edge whitespace (RFC 4180). */
    private void text(String s) throws IOException {
        boolean quote = s.isEmpty() ? false : s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ';
        for (int i = 0; i < s.length() && !quote; i++) {
            char ch = s.charAt(i);
            quote = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (!quote) {
            put(bytes);
            return;
        }
        put((byte) '"');
        for (byte x : bytes) {
            if (x == '"') put((byte) '"');
            put(x);
        }
        put((byte) '"');
    }

    private void put(byte x) throws IOException {
        if (pos == BUFFER) flush();
        buf[pos++] = x;
    }

    private void put(byte[] bytes) throws IOException {
        if (BUFFER - pos < bytes.length) flush();
        if (bytes.length > BUFFER) {
            sink.write(bytes);
            return;
        }
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    private void flush() throws IOException {
        sink.write(buf, 0, pos);
        pos = 0;
    }

    @Override
    public void finish() throws IOException {
        flush();
        if (gzip != null) gzip.finish();
        out.stream().flush();
        out.commit();
    }

    @Override
    public void close() {
        out.close();
    }
}
