package dev.valuekit.table;

import java.io.IOException;

/**
 * Writes batches of one schema. {@link #finish()} completes the table (footer, flush) and commits
 * the output file; {@link #close()} without finish discards it.
 */
public interface TableWriter extends AutoCloseable {
    Schema schema();

    void write(Batch batch) throws IOException;

    void finish() throws IOException;

    @Override void close() throws IOException;
}
