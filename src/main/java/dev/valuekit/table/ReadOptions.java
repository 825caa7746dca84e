package dev.valuekit.table;

import dev.valuekit.common.BadInputException;
import dev.valuekit.common.ProgressListener;

/**
 * How tables are read.
 *
 * @param batchSize      rows per batch; memory of a streaming reader is bounded by it
 * @param allowNonFinite accept NaN and infinities in numeric columns (rejected by default because
 *                       they silently poison training)
 * @param listener       where readers report warnings about the data (e.g. steps an offline-RL import
 *                       had to drop)
 */
public record ReadOptions(int batchSize, boolean allowNonFinite, ProgressListener listener) {
    public static final int DEFAULT_BATCH_SIZE = 65536;

    public ReadOptions {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        if (listener == null) listener = ProgressListener.NONE;
    }

    public ReadOptions(int batchSize, boolean allowNonFinite) {
        this(batchSize, allowNonFinite, ProgressListener.NONE);
    }

    public static ReadOptions defaults() { return new ReadOptions(DEFAULT_BATCH_SIZE, false); }

    /**
     * Rejects NaN and infinities unless allowed: {@code values} are the cells of {@code column} after
     * {@code rowsBefore} rows of {@code source} (so the error names the 1-based row).
     */
    void requireFinite(double[] values, String source, long rowsBefore, String column) {
        if (allowNonFinite) return;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new BadInputException("non-finite value " + NumberText.toString(values[i]), source, rowsBefore + i + 1,
                        column, "remove or replace NaN/infinite values, or pass --allow-nan if they are intended");
            }
        }
    }

    /** The same options reporting warnings to {@code l}. */
    public ReadOptions withListener(ProgressListener l) { return new ReadOptions(batchSize, allowNonFinite, l); }
}
