package dev.valuekit.table;

import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipException;

/**
 * Opens tables for reading (format by magic bytes) and writing (format by extension). See
 * DESIGN.md section 2.
 */
public final class Tables {
    private static final byte[] ARROW_MAGIC = {'A', 'R', 'R', 'O', 'W', '1'};
    private static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private Tables() {}

    /**
     * Opens {@code path} ({@code -} = {@code stdin}). Arrow IPC file by its "ARROW1" magic, Arrow
     * IPC stream by its 0xFFFFFFFF continuation marker, Parquet by "PAR1" (a directory: its part
     * files), HDF5 by its signature (D4RL or Minari transitions; a Minari data-set directory too), a
     * zip by "PK" (NumPy npz transitions), gzip by 1f 8b (then CSV), else CSV.
     */
    public static TableReader open(String path, InputStream stdin, ReadOptions o) {
        boolean fromStdin = "-".equals(path);
        String source = fromStdin ? "stdin" : path;
        if (!fromStdin && Files.isDirectory(Path.of(path))) {
            Path minari = Hdf5Transitions.minariFile(Path.of(path));
            return minari != null ? Hdf5Transitions.file(minari, source, o) : ParquetInputs.dataset(Path.of(path), o);
        }
        InputStream raw = fromStdin ? stdin : openFile(path);
        try {
            BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
            in.mark(8);
            byte[] head = in.readNBytes(8);
            in.reset();
            if (startsWith(head, ARROW_MAGIC)) {
                if (fromStdin) {
                    // The file format is read from its footer backwards; a pipe must be held in memory.
                    byte[] all = in.readAllBytes();
                    return ArrowTableReader.file(new org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel(all), source, o);
                }
                in.close();
                return ArrowTableReader.file(Files.newByteChannel(Path.of(path), StandardOpenOption.READ), source, o);
            }
            if (startsWith(head, PARQUET_MAGIC)) {
                // The footer at the end describes the file: a pipe is held in memory, a file is seeked.
                if (fromStdin) return ParquetInputs.bytes(in.readAllBytes(), source, o);
                in.close();
                return ParquetInputs.file(Path.of(path), o);
            }
            if (startsWith(head, Hdf5Transitions.MAGIC)) {
                if (fromStdin) return Hdf5Transitions.bytes(in.readAllBytes(), source, o);
                in.close();
                return Hdf5Transitions.file(Path.of(path), source, o);
            }
            if (startsWith(head, ZIP_MAGIC)) return NpzTransitions.open(in, source, o);
            if (head.length >= 4 && (head[0] & head[1] & head[2] & head[3]) == (byte) 0xFF) {
                return ArrowTableReader.stream(in, fromStdin ? -1 : Files.size(Path.of(path)), source, o);
            }
            if (head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
                return new CsvTableReader(new StrictGzipInputStream(in, source), source, o);
            }
            return new CsvTableReader(in, source, o);
        } catch (BadInputException e) {
            closeQuietly(raw);
            throw e;
        } catch (IOException | UncheckedIOException e) {
            closeQuietly(raw);
            throw readError(e, source);
        }
    }

    static InputStream openFile(String path) {
        Path p = Path.of(path);
        try {
            return Files.newInputStream(p);
        } catch (NoSuchFileException e) {
            throw BadInputException.inFile("input file not found", path, "check the path");
        } catch (AccessDeniedException e) {
            throw BadInputException.inFile("input file is not readable", path, "check its permissions");
        } catch (IOException e) {
            throw BadInputException.inFile("cannot open input: " + e.getMessage(), path, "check the path");
        }
    }

    /** An I/O failure while reading, as the one-line error users see. */
    static BadInputException readError(Exception e, String source) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ZipException || cause instanceof EOFException) {
            return BadInputException.inFile("truncated or corrupt gzip data (" + cause.getMessage() + ")", source,
                    "the file is incomplete or damaged; write it again");
        }
        return BadInputException.inFile("cannot read: " + cause.getMessage(), source, "check the file");
    }

    static boolean isParquet(byte[] head) {
        return startsWith(head, PARQUET_MAGIC);
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) return false;
        for (int i = 0; i < magic.length; i++) if (head[i] != magic[i]) return false;
        return true;
    }

    /**
     * The format a table written to {@code path} gets: {@code o.format()} when given, an Arrow IPC
     * stream for stdout, else by extension. Unknown extensions are a BadInputException.
     */
    public static TableFormat outputFormat(String path, WriteOptions o) {
        if (o.format() != null) return o.format();
        if ("-".equals(path)) return TableFormat.ARROW_STREAM;
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".arrow") || p.endsWith(".feather") || p.endsWith(".ipc")) return TableFormat.ARROW_FILE;
        if (p.endsWith(".arrows")) return TableFormat.ARROW_STREAM;
        if (p.endsWith(".parquet")) return TableFormat.PARQUET;
        if (p.endsWith(".csv") || p.endsWith(".csv.gz")) return TableFormat.CSV;
        throw BadInputException.inFile("unknown output table extension", path,
                "use .arrow or .feather (Arrow IPC file), .arrows (Arrow IPC stream), .parquet, .csv or .csv.gz, or pass --format");
    }

    /**
     * A writer for {@code schema} into {@code out}; the writer owns {@code out}: its finish()
     * commits the file and close() without finish discards it. A name ending in .gz is gzipped CSV.
     */
    public static TableWriter create(AtomicOutput out, Schema schema, WriteOptions o) {
        try {
            TableFormat f = outputFormat(out.name(), o);
            return switch (f) {
                case ARROW_FILE -> new ArrowTableWriter(out, schema, true);
                case ARROW_STREAM -> new ArrowTableWriter(out, schema, false);
                case PARQUET -> new ParquetTableWriter(out, schema);
                case CSV -> new CsvTableWriter(out, schema, out.name().toLowerCase(Locale.ROOT).endsWith(".gz"));
            };
        } catch (IOException e) {
            out.close();
            throw BadInputException.inFile("cannot write: " + e.getMessage(), out.name(), "check the output path and free disk space");
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** The whole table as one batch (for training, which holds its data set in memory). */
    public static Batch readAll(String path, InputStream stdin, ReadOptions o) {
        try (TableReader r = open(path, stdin, o)) {
            List<Batch> batches = new ArrayList<>();
            long total = 0;
            for (Batch b = r.next(); b != null; b = r.next()) {
                batches.add(b);
                total += b.rows();
            }
            if (total > Integer.MAX_VALUE - 8) {
                throw BadInputException.inFile("table too large to hold in memory (" + total + " rows)", r.source(),
                        "use a sample of at most 2^31 rows");
            }
            return concat(r.schema(), batches, (int) total);
        } catch (IOException e) {
            throw readError(e, "-".equals(path) ? "stdin" : path);
        }
    }

    /** One batch holding the rows of {@code batches} in order. */
    static Batch concat(Schema schema, List<Batch> batches, int rows) {
        if (batches.size() == 1) return batches.get(0);
        Object[] cols = new Object[schema.size()];
        for (int c = 0; c < cols.length; c++) {
            Object dst = switch (schema.type(c)) {
                case FLOAT32, FLOAT64 -> new double[rows];
                case INT64 -> new long[rows];
                case BOOL -> new boolean[rows];
                case STRING -> new String[rows];
            };
            int at = 0;
            for (Batch b : batches) {
                System.arraycopy(b.column(c), 0, dst, at, b.rows());
                at += b.rows();
            }
            cols[c] = dst;
        }
        return new Batch(schema, rows, cols);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // already failing
        }
    }
}
