package dev.valuekit.table;

import dev.valuekit.common.BadInputException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The common case of machine-written CSV — no quoted cells — split straight from bytes, with
 * numbers parsed in place (no String per cell). At the first record that holds a quote character
 * it hands the rest of the input, from that record on, to {@link CommonsCsvRecords}, so quoting
 * rules stay those of Commons CSV.
 */
final class FastCsvRecords implements CsvRecords {
    private final InputStream in;
    private final String source;
    private byte[] buf = new byte[1 << 16];
    private int pos;          // start of the next unread record
    private int limit;        // end of valid bytes
    private boolean eof;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private int cells;
    private long recordNumber;
    private CommonsCsvRecords general;
    private final Slice slice = new Slice();

    FastCsvRecords(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    @Override
    public boolean advance() throws IOException {
        if (general != null) return general.advance();
        while (true) {
            int r = split();
            if (r == SPLIT_OK) {
                recordNumber++;
                return true;
            }
            if (r == SPLIT_BLANK) continue;
            if (r == SPLIT_QUOTE) {
                InputStream rest = new SequenceInputStream(new ByteArrayInputStream(buf, pos, limit - pos), in);
                general = new CommonsCsvRecords(rest, source, recordNumber);
                return general.advance();
            }
            return false; // SPLIT_END
        }
    }

    private static final int SPLIT_OK = 0;
    private static final int SPLIT_BLANK = 1;
    private static final int SPLIT_QUOTE = 2;
    private static final int SPLIT_END = 3;

    /** Splits the record at {@code pos} into cells, refilling the buffer as needed. */
    private int split() throws IOException {
        while (true) {
            cells = 0;
            int start = pos;
            int i = pos;
            byte[] b = buf;
            int lim = limit;
            while (i < lim) {
                byte x = b[i];
                if (x == ',') {
                    addCell(start, i);
                    start = i + 1;
                } else if (x == '\n' || x == '\r') {
                    if (x == '\r' && i + 1 == lim && !eof) break; // need the next byte to see "\r\n"
                    boolean blank = i == pos;
                    if (!blank) addCell(start, i);
                    pos = (x == '\r' && i + 1 < lim && b[i + 1] == '\n') ? i + 2 : i + 1;
                    return blank ? SPLIT_BLANK : SPLIT_OK;
                } else if (x == '"') {
                    return SPLIT_QUOTE;
                }
                i++;
            }
            if (eof) {
                if (pos == limit) return SPLIT_END;
                addCell(start, limit); // last line without a line break
                pos = limit;
                return SPLIT_OK;
            }
            fill();
        }
    }

    private void addCell(int from, int to) {
        if (cells == starts.length) {
            starts = java.util.Arrays.copyOf(starts, cells * 2);
            ends = java.util.Arrays.copyOf(ends, cells * 2);
        }
        starts[cells] = from;
        ends[cells] = to;
        cells++;
    }

    /** Moves the unread bytes to the front (growing the buffer for very long lines) and reads more. */
    private void fill() throws IOException {
        int unread = limit - pos;
        if (pos == 0 && unread == buf.length) buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        else System.arraycopy(buf, pos, buf, 0, unread);
        pos = 0;
        limit = unread;
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) eof = true;
        else limit += n;
    }

    @Override public int size() { return general != null ? general.size() : cells; }

    @Override
    public String get(int c) {
        if (general != null) return general.get(c);
        int from = starts[c];
        int to = ends[c];
        for (int i = from; i < to; i++) {
            if (buf[i] < 0) return utf8(from, to);
        }
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1); // ASCII: same code points
    }

    private String utf8(int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(buf, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new BadInputException("not UTF-8 text", source, recordNumber - 1, null, "save the CSV as UTF-8, or give an Arrow file");
        }
    }

    @Override
    public double number(int c) {
        if (general != null) return general.number(c);
        slice.set(buf, starts[c], ends[c]);
        return NumberText.parse(slice);
    }

    @Override public long recordNumber() { return general != null ? general.recordNumber() : recordNumber; }

    @Override
    public void close() throws IOException {
        if (general != null) general.close();
        in.close();
    }

    /** A reusable view of ASCII bytes as characters, for parsing without a String. */
    private static final class Slice implements CharSequence {
        private byte[] b;
        private int from;
        private int len;

        void set(byte[] b, int from, int to) {
            this.b = b;
            this.from = from;
            this.len = to - from;
        }

        @Override public int length() { return len; }
        @Override public char charAt(int i) { return (char) (b[from + i] & 0xFF); }
        @Override public CharSequence subSequence(int s, int e) { return toString().subSequence(s, e); }
        @Override public String toString() { return new String(b, from, len, StandardCharsets.ISO_8859_1); }
    }
}
