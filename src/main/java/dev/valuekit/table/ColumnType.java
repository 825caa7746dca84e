package dev.valuekit.table;

/** The column types valuekit reads and writes. In memory floats are held as double[]. */
public enum ColumnType {
    FLOAT32, FLOAT64, INT64, BOOL, STRING;

    public boolean isNumeric() { return this != STRING; }

    public boolean isFloat() { return this == FLOAT32 || this == FLOAT64; }
}
