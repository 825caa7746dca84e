package dev.valuekit.table;

import dev.valuekit.common.BadInputException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads CSV with a header row. CSV carries no types, so they are inferred from the first batch:
 * <ul>
 *   <li>{@code episode}, {@code step}: INT64 when mostly numbers (a cell like 1.5 is then an error);</li>
 *   <li>{@code terminated}, {@code truncated}, and any column of only true/false: BOOL (0/1 and
 *       true/false in any case are accepted; a cell like 2 is an error);</li>
 *   <li>{@code customer_id}, {@code date} and names ending in {@code _id}: STRING (ids and yyyymmdd
 *       dates look numeric but are labels);</li>
 *   <li>every other column whose cells are mostly numbers (or that has a number and is a transition
 *       column such as {@code reward} or {@code obs_0}): FLOAT64 — also when the numbers happen to be
 *       integers, so a later {@code 1.5} in an action column cannot clash with an integer type;</li>
 *   <li>anything else: STRING.</li>
 * </ul>
 * A later cell that does not fit its column's type is a BadInputException naming file, row and column.
 * Records come from {@link FastCsvRecords} (quote-free CSV straight from bytes) which hands quoted
 * input to Apache Commons CSV.
 */
final class CsvTableReader implements TableReader {
    private static final int SNIFF_BYTES = 4096;
    /** Transition columns that are numeric by definition (DESIGN.md section 2). */
    private static final java.util.regex.Pattern TRANSITION_NUMERIC =
            java.util.regex.Pattern.compile("(obs|act|next_obs)_\\d+|reward|terminated|truncated|episode|step");

    private final String source;
    private final ReadOptions options;
    private final CsvRecords records;
    private final Schema schema;
    private Batch pending;
    private long rowsRead;

    CsvTableReader(InputStream in, String source, ReadOptions options) throws IOException {
        this.source = source;
        this.options = options;
        BufferedInputStream buffered = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, 1 << 16);
        rejectBinary(buffered);
        this.records = new FastCsvRecords(buffered, source);
        if (!records.advance()) {
            throw BadInputException.inFile("empty file", source, "a CSV table needs a header row and at least one data row");
        }
        List<String> names = headerNames();
        StoredRecords first = StoredRecords.read(records, options.batchSize());
        if (first.rows() == 0) {
            throw BadInputException.inFile("no data rows", source, "the file has a header but no rows; check that the producing step wrote data");
        }
        for (int r = 0; r < first.rows(); r++) checkWidth(first.width(r), names.size(), first.recordNumberAt(r));
        List<Field> fields = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) fields.add(new Field(names.get(c), inferType(names.get(c), first, c)));
        this.schema = new Schema(fields);
        this.pending = convert(first, first.rows());
    }

    /** CSV text never holds NUL bytes; binary data here is a wrong or damaged file, not a table. */
    private void rejectBinary(BufferedInputStream in) throws IOException {
        in.mark(SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        for (byte b : head) {
            if (b == 0) {
                throw BadInputException.inFile("not a table: binary data that is neither an Arrow IPC file/stream nor CSV",
                        source, "give an Arrow IPC file (.arrow), an Arrow IPC stream (.arrows), CSV or gzipped CSV");
            }
        }
    }

    private List<String> headerNames() {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < records.size(); c++) {
            String name = records.get(c);
            if (c == 0 && name.startsWith("\uFEFF")) name = name.substring(1); // UTF-8 byte order mark
            if (name.isEmpty()) {
                throw new BadInputException("empty column name in the header", source, -1, "#" + (c + 1),
                        "give every column a name");
            }
            if (!seen.add(name)) {
                throw new BadInputException("duplicated column name in the header", source, -1, name,
                        "rename or drop one of the columns named '" + name + "'");
            }
            names.add(name);
        }
        return names;
    }

    private void checkWidth(int size, int width, long recordNumber) {
        if (size != width) {
            throw new BadInputException("ragged row: " + size + " fields where the header has " + width,
                    source, recordNumber - 1, null, "every row needs exactly one value per header column");
        }
    }

    private static ColumnType inferType(String name, StoredRecords rows, int c) {
        if (name.equals("customer_id") || name.equals("date") || name.endsWith("_id")) return ColumnType.STRING;
        boolean literalBools = true;
        int numbers = 0;
        int others = 0;
        for (int r = 0; r < rows.rows(); r++) {
            String v = rows.cell(r, c);
            if (literalBools && !(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"))) literalBools = false;
            if (NumberText.isNumber(v)) numbers++;
            else if (!v.isEmpty()) others++;
        }
        // DESIGN section 2 fixes these types: a flag holds 0/1 or true/false and a counter holds integers, so a
        // 2 or a 1.5 is a cell error (reported with its row) instead of quietly making the column float.
        if (TransitionColumns.isFlag(name) || literalBools) return ColumnType.BOOL;
        if (TransitionColumns.isCounter(name) && numbers >= others) return ColumnType.INT64;
        // A few bad cells must not turn a numeric column into text: they are reported instead.
        boolean numeric = numbers > others || (numbers > 0 && TRANSITION_NUMERIC.matcher(name).matches());
        return numeric ? ColumnType.FLOAT64 : ColumnType.STRING;
    }

    @Override public Schema schema() { return schema; }
    @Override public String source() { return source; }
    @Override public long rowsRead() { return rowsRead; }

    @Override
    public Batch next() throws IOException {
        Batch b;
        if (pending != null) {
            b = pending;
            pending = null;
        } else {
            b = convert(records, options.batchSize());
            if (b == null) return null;
        }
        rowsRead += b.rows();
        return b;
    }

    /** Up to {@code max} records of {@code src} as typed columns; null when there are none. */
    private Batch convert(CsvRecords src, int max) throws IOException {
        int width = schema.size();
        ColumnType[] types = new ColumnType[width];
        Object[] cols = new Object[width];
        for (int c = 0; c < width; c++) {
            types[c] = schema.type(c);
            cols[c] = switch (types[c]) {
                case FLOAT32, FLOAT64 -> new double[max];
                case INT64 -> new long[max];
                case BOOL -> new boolean[max];
                case STRING -> new String[max];
            };
        }
        int n = 0;
        while (n < max && src.advance()) {
            checkWidth(src.size(), width, src.recordNumber());
            for (int c = 0; c < width; c++) {
                switch (types[c]) {
                    case FLOAT32, FLOAT64 -> ((double[]) cols[c])[n] = number(src, c);
                    case INT64 -> ((long[]) cols[c])[n] = integer(src, c);
                    case BOOL -> ((boolean[]) cols[c])[n] = bool(src, c);
                    case STRING -> ((String[]) cols[c])[n] = src.get(c);
                }
            }
            n++;
        }
        if (n == 0) return null;
        if (n < max) {
            for (int c = 0; c < width; c++) cols[c] = shrink(cols[c], n);
        }
        return new Batch(schema, n, cols);
    }

    private static Object shrink(Object a, int n) {
        if (a instanceof double[] d) return java.util.Arrays.copyOf(d, n);
        if (a instanceof long[] l) return java.util.Arrays.copyOf(l, n);
        if (a instanceof boolean[] b) return java.util.Arrays.copyOf(b, n);
        return java.util.Arrays.copyOf((String[]) a, n);
    }

    private double number(CsvRecords src, int c) {
        double d;
        try {
            d = src.number(c);
        } catch (NumberFormatException e) {
            String v = src.get(c);
            if (v.isEmpty()) {
                throw cellError("empty cell in numeric column", src, c, "fill in a number, or leave the column out");
            }
            throw cellError("non-numeric value '" + shorten(v) + "' in numeric column", src, c,
                    "fix the cell; the column's first rows are numbers, so the whole column must be");
        }
        if (!options.allowNonFinite() && !Double.isFinite(d)) {
            throw cellError("non-finite value '" + shorten(src.get(c)) + "'", src, c,
                    "remove or replace NaN/infinite values, or pass --allow-nan if they are intended");
        }
        return d;
    }

    private long integer(CsvRecords src, int c) {
        String v = src.get(c);
        if (NumberText.isInteger(v)) return Long.parseLong(v);
        try {
            double d = NumberText.parse(v);
            if (d == Math.rint(d) && Math.abs(d) < 0x1p53) return (long) d;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw cellError("'" + shorten(v) + "' is not an integer", src, c,
                "the column " + schema.name(c) + " holds integer counters; fix the cell");
    }

    private boolean bool(CsvRecords src, int c) {
        String v = src.get(c);
        Boolean b = NumberText.parseBool(v);
        if (b == null) {
            throw cellError("'" + shorten(v) + "' is not a flag", src, c, "use 0/1 or true/false");
        }
        return b;
    }

    private BadInputException cellError(String what, CsvRecords src, int c, String fix) {
        return new BadInputException(what, source, src.recordNumber() - 1, schema.name(c), fix);
    }

    private static String shorten(String v) {
        return BadInputException.excerpt(v);
    }

    @Override
    public void close() throws IOException {
        records.close();
    }

    /** The first batch's records held as text, for type inference; replayed as a CsvRecords. */
    private static final class StoredRecords implements CsvRecords {
        private final List<String[]> rows = new ArrayList<>();
        private final List<Long> numbers = new ArrayList<>();
        private int at = -1;

        static StoredRecords read(CsvRecords src, int max) throws IOException {
            StoredRecords s = new StoredRecords();
            while (s.rows.size() < max && src.advance()) {
                String[] r = new String[src.size()];
                for (int c = 0; c < r.length; c++) r[c] = src.get(c);
                s.rows.add(r);
                s.numbers.add(src.recordNumber());
            }
            return s;
        }

        int rows() { return rows.size(); }
        int width(int r) { return rows.get(r).length; }
        long recordNumberAt(int r) { return numbers.get(r); }
        String cell(int r, int c) { return rows.get(r)[c]; }

        @Override public boolean advance() { return ++at < rows.size(); }
        @Override public int size() { return rows.get(at).length; }
        @Override public String get(int c) { return rows.get(at)[c]; }
        @Override public double number(int c) { return NumberText.parse(rows.get(at)[c]); }
        @Override public long recordNumber() { return numbers.get(at); }
        @Override public void close() { }
    }
}
