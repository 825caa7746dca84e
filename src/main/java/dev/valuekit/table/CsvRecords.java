package dev.valuekit.table;

import java.io.Closeable;
import java.io.IOException;

/** A cursor over CSV records: the current record's cells, read as text or straight as numbers. */
interface CsvRecords extends Closeable {
    /** Moves to the next record; false at the end. Blank lines are skipped. */
    boolean advance() throws IOException;

    /** Number of cells in the current record. */
    int size();

    /** Cell text. */
    String get(int c);

    /** Cell as a number (NumberText.parse rules); NumberFormatException when it is not one. */
    double number(int c);

    /** 1-based record number, the header being record 1. */
    long recordNumber();
}
