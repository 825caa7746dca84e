package dev.valuekit.fit;

/**
 * How an epoch walks its {@code rows} training rows in minibatches of {@code batch}: either every row,
 * the last batch smaller, or full batches only (one buffer shape; the remainder waits for the next
 * epoch's shuffle).
 */
public record BatchPlan(int rows, int batch, boolean fullBatchesOnly) {
    public BatchPlan {
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
    }

    /** Minibatches per epoch. */
    public int count() { return fullBatchesOnly ? rows / batch : (rows + batch - 1) / batch; }

    /** First row (in the epoch's order) of minibatch {@code k}. */
    public int start(int k) { return k * batch; }

    /** Rows in minibatch {@code k}. */
    public int size(int k) { return Math.min(batch, rows - k * batch); }
}
