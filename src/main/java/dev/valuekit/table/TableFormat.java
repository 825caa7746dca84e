package dev.valuekit.table;

/** The table formats valuekit reads and writes. */
public enum TableFormat {
    /** Arrow IPC file ("ARROW1" magic, footer with batch offsets): .arrow, .feather. */
    ARROW_FILE,
    /** Arrow IPC stream (no footer; readable from a pipe): .arrows, and stdout by default. */
    ARROW_STREAM,
    /** Apache Parquet ("PAR1" magic; a directory of part files too): .parquet. */
    PARQUET,
    /** Comma-separated text with a header row: .csv, and .csv.gz gzipped. */
    CSV
}
