package dev.valuekit.table;

import dev.valuekit.common.BadInputException;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.SeekableInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Opens Parquet inputs: one file, bytes from a pipe, or a data-set directory of part files. */
final class ParquetInputs {
    private ParquetInputs() {}

    static TableReader file(Path path, ReadOptions o) {
        return new ParquetTableReader(List.of(new ParquetTableReader.Part(new LocalInputFile(path), path.toString())), path.toString(), o);
    }

    static TableReader bytes(byte[] data, String source, ReadOptions o) {
        return new ParquetTableReader(List.of(new ParquetTableReader.Part(new BytesInputFile(data), source)), source, o);
    }

    /**
     * A directory as Spark, pyarrow and DuckDB write it: the part files in name order; names starting
     * with '_' or '.' (_SUCCESS, checksums, temporaries) are skipped. Every other file must be Parquet.
     */
    static TableReader dataset(Path dir, ReadOptions o) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("_") && !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .forEach(files::add);
        } catch (IOException e) {
            throw BadInputException.inFile("cannot list the directory: " + e.getMessage(), dir.toString(), "check its permissions");
        }
        if (files.isEmpty()) {
            throw BadInputException.inFile("input is a directory without table files", dir.toString(),
                    "name a table file, or a directory of Parquet part files");
        }
        List<ParquetTableReader.Part> parts = new ArrayList<>();
        for (Path p : files) {
            byte[] head;
            try (InputStream in = Tables.openFile(p.toString())) {
                head = in.readNBytes(4);
            } catch (IOException e) {
                throw BadInputException.inFile("cannot read: " + e.getMessage(), p.toString(), "check the file");
            }
            if (!Tables.isParquet(head)) {
                throw BadInputException.inFile("not a Parquet part file", p.toString(),
                        "a directory input is read as a Parquet data set; move other files out of it");
            }
            parts.add(new ParquetTableReader.Part(new LocalInputFile(p), p.toString()));
        }
        return new ParquetTableReader(parts, dir.toString(), o);
    }

    /** A whole file held in memory (Parquet's footer is at the end, so a pipe cannot be streamed). */
    private record BytesInputFile(byte[] data) implements InputFile {
        @Override public long getLength() { return data.length; }

        @Override
        public SeekableInputStream newStream() {
            return new DelegatingSeekableInputStream(new Seekable(data)) {
                @Override public long getPos() { return ((Seekable) getStream()).position(); }
                @Override public void seek(long pos) throws IOException { ((Seekable) getStream()).seek(pos); }
            };
        }
    }

    private static final class Seekable extends ByteArrayInputStream {
        Seekable(byte[] data) { super(data); }

        long position() { return pos; }

        void seek(long to) throws IOException {
            if (to < 0 || to > count) throw new IOException("seek to " + to + " outside a " + count + "-byte file");
            pos = (int) to;
        }
    }
}
