package dev.valuekit.table;

/**
 * How tables are written.
 *
 * @param format the output format; null chooses by the output's extension, and stdout gets an
 *               Arrow IPC stream
 */
public record WriteOptions(TableFormat format) {
    public static WriteOptions defaults() { return new WriteOptions(null); }
}
