package dev.valuekit.table;

import java.util.ArrayList;
import java.util.List;

/**
 * A block of rows stored column by column. Column arrays are: {@code double[]} for FLOAT32/FLOAT64
 * (FLOAT32 values are exactly representable floats), {@code long[]} for INT64, {@code boolean[]} for
 * BOOL, {@code String[]} for STRING. Arrays may be longer than {@link #rows()}; only the first
 * {@code rows} entries count. Batches are not copied on the way through: treat them as read-only.
 */
public final class Batch {
    private final Schema schema;
    private final int rows;
    private final Object[] columns;

    public Batch(Schema schema, int rows, Object[] columns) {
        if (columns.length != schema.size()) {
            throw new IllegalArgumentException("expected " + schema.size() + " columns, got " + columns.length);
        }
        for (int c = 0; c < columns.length; c++) checkArray(schema.field(c), columns[c], rows);
        this.schema = schema;
        this.rows = rows;
        this.columns = columns.clone();
    }

    private static void checkArray(Field f, Object a, int rows) {
        int len;
        switch (f.type()) {
            case FLOAT32, FLOAT64 -> len = ((double[]) a).length;
            case INT64 -> len = ((long[]) a).length;
            case BOOL -> len = ((boolean[]) a).length;
            case STRING -> len = ((String[]) a).length;
            default -> throw new IllegalStateException();
        }
        if (len < rows) throw new IllegalArgumentException("column " + f.name() + " has " + len + " < " + rows + " rows");
    }

    public Schema schema() { return schema; }
    public int rows() { return rows; }

    /** The raw column array (see class comment for its type). */
    public Object column(int c) { return columns[c]; }

    public double[] doubleColumn(int c) { return (double[]) columns[c]; }
    public long[] longColumn(int c) { return (long[]) columns[c]; }
    public boolean[] boolColumn(int c) { return (boolean[]) columns[c]; }
    public String[] stringColumn(int c) { return (String[]) columns[c]; }

    /** A numeric cell as double (INT64 converted, BOOL as 0/1). */
    public double getDouble(int c, int row) {
        Object a = columns[c];
        if (a instanceof double[] d) return d[row];
        if (a instanceof long[] l) return l[row];
        if (a instanceof boolean[] b) return b[row] ? 1.0 : 0.0;
        throw new IllegalStateException("column " + schema.name(c) + " is not numeric");
    }

    /** A numeric cell as long (floats truncated toward zero). */
    public long getLong(int c, int row) {
        Object a = columns[c];
        if (a instanceof long[] l) return l[row];
        if (a instanceof double[] d) return (long) d[row];
        if (a instanceof boolean[] b) return b[row] ? 1 : 0;
        throw new IllegalStateException("column " + schema.name(c) + " is not numeric");
    }

    /** A cell as text, as it would be written to CSV (null for a missing string). */
    public String getString(int c, int row) {
        Object a = columns[c];
        if (a instanceof String[] s) return s[row];
        return switch (schema.type(c)) {
            case FLOAT32 -> Float.toString((float) ((double[]) a)[row]);
            case FLOAT64 -> Double.toString(((double[]) a)[row]);
            case INT64 -> Long.toString(((long[]) a)[row]);
            case BOOL -> ((boolean[]) a)[row] ? "true" : "false";
            default -> throw new IllegalStateException();
        };
    }

    /** The numeric columns {@code cols} for all rows as a row-major matrix {@code [rows][cols.length]}. */
    public double[][] matrix(int[] cols) {
        double[][] m = new double[rows][cols.length];
        for (int j = 0; j < cols.length; j++) {
            int c = cols[j];
            for (int r = 0; r < rows; r++) m[r][j] = getDouble(c, r);
        }
        return m;
    }

    /** A batch holding only the given columns (arrays shared, not copied). */
    public Batch select(List<Integer> cols) {
        Object[] out = new Object[cols.size()];
        for (int j = 0; j < cols.size(); j++) out[j] = columns[cols.get(j)];
        return new Batch(schema.select(cols), rows, out);
    }

    /** The rows {@code idx}, in that order (copied). */
    public Batch selectRows(int[] idx) {
        Object[] out = new Object[columns.length];
        for (int c = 0; c < columns.length; c++) {
            Object a = columns[c];
            if (a instanceof double[] d) {
                double[] v = new double[idx.length];
                for (int i = 0; i < idx.length; i++) v[i] = d[idx[i]];
                out[c] = v;
            } else if (a instanceof long[] l) {
                long[] v = new long[idx.length];
                for (int i = 0; i < idx.length; i++) v[i] = l[idx[i]];
                out[c] = v;
            } else if (a instanceof boolean[] b) {
                boolean[] v = new boolean[idx.length];
                for (int i = 0; i < idx.length; i++) v[i] = b[idx[i]];
                out[c] = v;
            } else {
                String[] s = (String[]) a, v = new String[idx.length];
                for (int i = 0; i < idx.length; i++) v[i] = s[idx[i]];
                out[c] = v;
            }
        }
        return new Batch(schema, idx.length, out);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive), copied. */
    public Batch slice(int from, int to) {
        if (from < 0 || to > rows || from > to) throw new IndexOutOfBoundsException("rows " + from + ".." + to + " of " + rows);
        Object[] out = new Object[columns.length];
        for (int c = 0; c < out.length; c++) {
            Object a = columns[c];
            out[c] = a instanceof double[] d ? java.util.Arrays.copyOfRange(d, from, to)
                    : a instanceof long[] l ? java.util.Arrays.copyOfRange(l, from, to)
                    : a instanceof boolean[] z ? java.util.Arrays.copyOfRange(z, from, to)
                    : java.util.Arrays.copyOfRange((String[]) a, from, to);
        }
        return new Batch(schema, to - from, out);
    }

    /** The first {@code n} rows (arrays shared, not copied). */
    public Batch head(int n) {
        return new Batch(schema, Math.min(n, rows), columns);
    }

    /** Builds a batch column by column. */
    public static final class Builder {
        private final List<Field> fields = new ArrayList<>();
        private final List<Object> cols = new ArrayList<>();
        private final int rows;

        public Builder(int rows) { this.rows = rows; }

        public Builder add(String name, ColumnType type, Object array) {
            fields.add(new Field(name, type));
            cols.add(array);
            return this;
        }

        public Builder addDouble(String name, double[] v) { return add(name, ColumnType.FLOAT64, v); }
        public Builder addFloat(String name, double[] v) { return add(name, ColumnType.FLOAT32, v); }
        public Builder addLong(String name, long[] v) { return add(name, ColumnType.INT64, v); }
        public Builder addBool(String name, boolean[] v) { return add(name, ColumnType.BOOL, v); }
        public Builder addString(String name, String[] v) { return add(name, ColumnType.STRING, v); }

        public Batch build() { return new Batch(new Schema(fields), rows, cols.toArray()); }
    }
}
