package dev.valuekit.table;

import dev.valuekit.common.BadInputException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An ordered list of uniquely named columns. */
public final class Schema {
    private final List<Field> fields;
    private final Map<String, Integer> index;

    public Schema(List<Field> fields) {
        this.fields = List.copyOf(fields);
        this.index = new HashMap<>();
        for (int i = 0; i < this.fields.size(); i++) {
            if (index.put(this.fields.get(i).name(), i) != null) {
                throw new IllegalArgumentException("duplicate column " + this.fields.get(i).name());
            }
        }
    }

    public static Schema of(Field... fields) { return new Schema(List.of(fields)); }

    public int size() { return fields.size(); }
    public List<Field> fields() { return fields; }
    public Field field(int i) { return fields.get(i); }
    public String name(int i) { return fields.get(i).name(); }
    public ColumnType type(int i) { return fields.get(i).type(); }

    /** Index of the column, or -1. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    public boolean has(String name) { return index.containsKey(name); }

    /** Index of a column that must exist; {@code source} names the file in the error. */
    public int require(String name, String source) {
        int i = indexOf(name);
        if (i < 0) {
            throw new BadInputException("missing column '" + name + "'", source, -1, null,
                    "the table has " + describe() + "; add the column or pick another with the matching option");
        }
        return i;
    }

    /** Like {@link #require} and also demands a numeric type. */
    public int requireNumeric(String name, String source) {
        int i = require(name, source);
        if (!type(i).isNumeric()) {
            throw new BadInputException("column '" + name + "' is not numeric", source, -1, name,
                    "it must hold numbers");
        }
        return i;
    }

    /**
     * Columns named {@code prefix0, prefix1, ...} (e.g. {@code obs_0 ... obs_{d-1}}), ordered by their
     * number; the numbers must run 0..d-1 without gaps. Returns an empty list when none exist.
     */
    public List<Integer> prefixed(String prefix, String source) {
        Pattern p = Pattern.compile(Pattern.quote(prefix) + "(\\d+)");
        Map<Integer, Integer> byNumber = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            Matcher m = p.matcher(fields.get(i).name());
            if (m.matches()) byNumber.put(Integer.parseInt(m.group(1)), i);
        }
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < byNumber.size(); k++) {
            Integer col = byNumber.get(k);
            if (col == null) {
                throw new BadInputException("columns " + prefix + "* are not numbered 0.." + (byNumber.size() - 1),
                        source, -1, prefix + k, "add the missing column or rename the others");
            }
            out.add(col);
        }
        return Collections.unmodifiableList(out);
    }

    /** A schema with only the given columns, in the given order. */
    public Schema select(List<Integer> columns) {
        List<Field> out = new ArrayList<>();
        for (int c : columns) out.add(fields.get(c));
        return new Schema(out);
    }

    /** "12 columns: a, b, c, ..." for error messages. */
    public String describe() {
        StringBuilder sb = new StringBuilder().append(fields.size()).append(" columns");
        for (int i = 0; i < Math.min(fields.size(), 8); i++) sb.append(i == 0 ? ": " : ", ").append(fields.get(i).name());
        if (fields.size() > 8) sb.append(", ...");
        return sb.toString();
    }

    @Override public boolean equals(Object o) { return o instanceof Schema s && s.fields.equals(fields); }
    @Override public int hashCode() { return fields.hashCode(); }
    @Override public String toString() { return fields.toString(); }
}
