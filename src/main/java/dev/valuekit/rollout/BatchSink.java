package dev.valuekit.rollout;

import dev.valuekit.table.Batch;

import java.io.IOException;

/** Where generated batches go (a TableWriter's write, a list in tests). */
@FunctionalInterface
public interface BatchSink {
    void write(Batch batch) throws IOException;
}
