package dev.valuekit.table;

import dev.valuekit.common.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Gunzips one or more concatenated gzip members (RFC 1952) and refuses anything else. The JDK's
 * GZIPInputStream silently stops at bytes after the last member that are not another gzip header, so
 * a damaged or appended-to file reads as a shorter table; and it reports a truncated file as an
 * EOFException without a message. Here both are bad input in the user's terms, and each member's
 * CRC-32 and length are checked.
 */
final class StrictGzipInputStream extends InputStream {
    private static final String REWRITE = "the file is incomplete or damaged; write it again";
    private static final int FHCRC = 2, FEXTRA = 4, FNAME = 8, FCOMMENT = 16, RESERVED = 0xE0;

    private final PushbackInputStream in;
    private final String source;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] buf = new byte[1 << 16];
    private int bufLen;
    private long memberBytes;
    private boolean eof;

    StrictGzipInputStream(InputStream raw, String source) throws IOException {
        this.in = new PushbackInputStream(raw, buf.length);
        this.source = source;
        readHeader();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (!eof) {
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw bad("corrupt gzip data (" + e.getMessage() + ")");
            }
            if (n > 0) {
                crc.update(b, off, n);
                memberBytes += n;
                return n;
            }
            if (inflater.finished()) {
                endMember();
            } else if (inflater.needsDictionary()) {
                throw bad("corrupt gzip data (a preset dictionary, which gzip never uses)");
            } else if (inflater.needsInput()) {
                bufLen = in.read(buf);
                if (bufLen < 0) throw truncated();
                inflater.setInput(buf, 0, bufLen);
            }
        }
        return -1;
    }

    /** Checks the member's trailer; then the input must end or hold another member. */
    private void endMember() throws IOException {
        int rest = inflater.getRemaining();
        if (rest > 0) in.unread(buf, bufLen - rest, rest);
        long storedCrc = readInt();
        long storedSize = readInt();
        if (storedCrc != crc.getValue() || storedSize != (memberBytes & 0xFFFFFFFFL)) {
            throw bad("corrupt gzip data (the checksum or length in the trailer does not match the data)");
        }
        int next = in.read();
        if (next < 0) {
            eof = true;
            return;
        }
        in.unread(next);
        inflater.reset();
        crc.reset();
        memberBytes = 0;
        readHeader();
    }

    private void readHeader() throws IOException {
        int id1 = in.read(), id2 = in.read();
        if (id1 != 0x1F || id2 != 0x8B) {
            throw BadInputException.inFile("data after the end of the gzip stream (bytes that are not another gzip member)",
                    source, "remove the trailing bytes, or write the file again");
        }
        int method = readByte(), flags = readByte();
        if (method != 8 || (flags & RESERVED) != 0) throw bad("corrupt gzip header (unknown compression method or flags)");
        for (int i = 0; i < 6; i++) readByte(); // mtime, extra flags, OS
        if ((flags & FEXTRA) != 0) {
            int n = readByte() | readByte() << 8;
            for (int i = 0; i < n; i++) readByte();
        }
        if ((flags & FNAME) != 0) skipZeroTerminated();
        if ((flags & FCOMMENT) != 0) skipZeroTerminated();
        if ((flags & FHCRC) != 0) { readByte(); readByte(); }
    }

    private void skipZeroTerminated() throws IOException {
        while (readByte() != 0) { /* skip */ }
    }

    private long readInt() throws IOException {
        return readByte() | readByte() << 8 | readByte() << 16 | (long) readByte() << 24;
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) throw truncated();
        return b;
    }

    private BadInputException truncated() {
        return bad("gzip data ends early (the file is truncated)");
    }

    private BadInputException bad(String what) {
        return BadInputException.inFile(what, source, REWRITE);
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
