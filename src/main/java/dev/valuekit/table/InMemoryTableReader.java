package dev.valuekit.table;

/** Hands out a table already in memory (an offline-RL import) in batches of the configured size. */
final class InMemoryTableReader implements TableReader {
    private final Batch table;
    private final String source;
    private final int batchSize;
    private int offset;

    InMemoryTableReader(Batch table, String source, ReadOptions o) {
        this.table = table;
        this.source = source;
        this.batchSize = o.batchSize();
    }

    @Override public Schema schema() { return table.schema(); }
    @Override public String source() { return source; }
    @Override public long rowsRead() { return offset; }

    @Override
    public Batch next() {
        if (offset >= table.rows()) return null;
        if (offset == 0 && table.rows() <= batchSize) {
            offset = table.rows();
            return table;
        }
        int n = Math.min(batchSize, table.rows() - offset);
        Batch b = table.slice(offset, offset + n);
        offset += n;
        return b;
    }

    @Override public void close() {}
}
