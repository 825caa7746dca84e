package dev.valuekit.table;

/**
 * How tables are read.
 *
 * @param batchSize      rows per batch; memory of a streaming reader is bounded by it
 * @param allowNonFinite accept NaN and infinities in numeric columns (rejected by default because
 *                       they silently poison training)
 */
public record ReadOptions(int batchSize, boolean allowNonFinite) {
    public static final int DEFAULT_BATCH_SIZE = 65536;

    public ReadOptions {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be positive: " + batchSize);
    }

    public static ReadOptions defaults() { return new ReadOptions(DEFAULT_BATCH_SIZE, false); }
}
