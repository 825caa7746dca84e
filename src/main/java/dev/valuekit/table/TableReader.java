package dev.valuekit.table;

import java.io.IOException;

/** Reads a table batch by batch; memory stays bounded by the batch size. */
public interface TableReader extends AutoCloseable {
    /** The schema, known before the first batch. */
    Schema schema();

    /** The next batch, or null at the end. Problems in the data raise BadInputException. */
    Batch next() throws IOException;

    /** The input's name for messages (the path, or "stdin"). */
    String source();

    /** Rows returned so far (so a caller can name the 1-based row of a problem it finds). */
    long rowsRead();

    @Override void close() throws IOException;
}
