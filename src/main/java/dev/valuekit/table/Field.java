package dev.valuekit.table;

/** One column of a schema. */
public record Field(String name, ColumnType type) {
    public Field {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("empty column name");
    }
}
