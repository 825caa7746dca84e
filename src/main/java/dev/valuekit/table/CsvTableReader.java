package dev.valuekit.table;

import dev.valuekit.common.BadInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads CSV with a header row. CSV carries no types, so they are inferred from the first batch:
 * <ul>
 *   <li>{@code episode}, {@code step}: INT64 when every cell is an integer;</li>
 *   <li>{@code terminated}, {@code truncated}, and any column of only true/false: BOOL (0/1 and
 *       true/false in any case are accepted);</li>
 *   <li>{@code customer_id}, {@code date} and names ending in {@code _id}: STRING (ids and yyyymmdd
 *       dates look numeric but are labels);</li>
 *   <li>every other column whose cells are mostly numbers (or that has a number and is a transition
 *       column such as {@code reward} or {@code obs_0}): FLOAT64 — also when the numbers happen to be
 *       integers, so a later {@code 1.5} in an action column cannot clash with an integer type;</li>
 *   <li>anything else: STRING.</li>
 * </ul>
 * A later cell that does not fit its column's type is a BadInputException naming file, row and column.
 */
final class CsvTableReader implements TableReader {
    private static final int SNIFF_BYTES = 4096;
    /** Transition columns that are numeric by definition (DESIGN.md section 2). */
    private static final java.util.regex.Pattern TRANSITION_NUMERIC =
            java.util.regex.Pattern.compile("(obs|act|next_obs)_\\d+|reward|terminated|truncated|episode|step");

    private final String source;
    private final ReadOptions options;
    private final InputStream input;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Schema schema;
    private Batch pending;
    private long rowsRead;

    CsvTableReader(InputStream in, String source, ReadOptions options) throws IOException {
        this.source = source;
        this.options = options;
        BufferedInputStream buffered = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, 1 << 16);
        this.input = buffered;
        rejectBinary(buffered);
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();
        this.parser = CSVParser.builder().setReader(new InputStreamReader(buffered, decoder)).setFormat(format).get();
        this.records = parser.iterator();
        CSVRecord header = nextRecord();
        if (header == null) {
            throw BadInputException.inFile("empty file", source, "a CSV table needs a header row and at least one data row");
        }
        List<String> names = headerNames(header);
        List<CSVRecord> first = readRecords(names.size());
        if (first.isEmpty()) {
            throw BadInputException.inFile("no data rows", source, "the file has a header but no rows; check that the producing step wrote data");
        }
        List<Field> fields = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) fields.add(new Field(names.get(c), inferType(names.get(c), first, c)));
        this.schema = new Schema(fields);
        this.pending = convert(first);
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

    private List<String> headerNames(CSVRecord header) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
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

    private CSVRecord nextRecord() {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException | IllegalStateException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof java.util.zip.ZipException || cause instanceof java.io.EOFException) {
                throw Tables.readError((Exception) cause, source);
            }
            if (cause instanceof CharacterCodingException) {
                throw new BadInputException("not UTF-8 text", source, rowsRead + 1, null,
                        "save the CSV as UTF-8, or give an Arrow file");
            }
            throw new BadInputException("malformed CSV: " + cause.getMessage(), source, rowsRead + 1, null,
                    "check quoting near this row (a quote opened and never closed?)");
        }
    }

    private List<CSVRecord> readRecords(int width) {
        List<CSVRecord> out = new ArrayList<>(Math.min(options.batchSize(), 4096));
        while (out.size() < options.batchSize()) {
            CSVRecord r = nextRecord();
            if (r == null) break;
            if (r.size() != width) {
                throw new BadInputException("ragged row: " + r.size() + " fields where the header has " + width,
                        source, r.getRecordNumber() - 1, null, "every row needs exactly one value per header column");
            }
            out.add(r);
        }
        return out;
    }

    private static ColumnType inferType(String name, List<CSVRecord> rows, int c) {
        if (name.equals("customer_id") || name.equals("date") || name.endsWith("_id")) return ColumnType.STRING;
        boolean ints = true;
        boolean bools = true;
        boolean literalBools = true;
        int numbers = 0;
        int others = 0;
        for (CSVRecord r : rows) {
            String v = r.get(c);
            if (ints && !NumberText.isInteger(v)) ints = false;
            if (bools && NumberText.parseBool(v) == null) bools = false;
            if (literalBools && !(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"))) literalBools = false;
            if (NumberText.isNumber(v)) numbers++;
            else if (!v.isEmpty()) others++;
        }
        boolean flag = name.equals("terminated") || name.equals("truncated");
        if ((flag && bools) || literalBools) return ColumnType.BOOL;
        if ((name.equals("episode") || name.equals("step")) && ints) return ColumnType.INT64;
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
            List<CSVRecord> rows = readRecords(schema.size());
            if (rows.isEmpty()) return null;
            b = convert(rows);
        }
        rowsRead += b.rows();
        return b;
    }

    private Batch convert(List<CSVRecord> rows) {
        int n = rows.size();
        Object[] cols = new Object[schema.size()];
        for (int c = 0; c < cols.length; c++) {
            cols[c] = switch (schema.type(c)) {
                case FLOAT32, FLOAT64 -> new double[n];
                case INT64 -> new long[n];
                case BOOL -> new boolean[n];
                case STRING -> new String[n];
            };
        }
        for (int i = 0; i < n; i++) {
            CSVRecord r = rows.get(i);
            for (int c = 0; c < cols.length; c++) {
                String v = r.get(c);
                switch (schema.type(c)) {
                    case FLOAT32, FLOAT64 -> ((double[]) cols[c])[i] = number(v, r, c);
                    case INT64 -> ((long[]) cols[c])[i] = integer(v, r, c);
                    case BOOL -> ((boolean[]) cols[c])[i] = bool(v, r, c);
                    case STRING -> ((String[]) cols[c])[i] = v;
                }
            }
        }
        return new Batch(schema, n, cols);
    }

    private double number(String v, CSVRecord r, int c) {
        double d;
        try {
            d = NumberText.parse(v);
        } catch (NumberFormatException e) {
            if (v.isEmpty()) {
                throw cellError("empty cell in numeric column", r, c, "fill in a number, or leave the column out");
            }
            throw cellError("non-numeric value '" + shorten(v) + "' in numeric column", r, c,
                    "fix the cell; the column's first rows are numbers, so the whole column must be");
        }
        if (!options.allowNonFinite() && !Double.isFinite(d)) {
            throw cellError("non-finite value '" + v + "'", r, c,
                    "remove or replace NaN/infinite values, or pass --allow-nan if they are intended");
        }
        return d;
    }

    private long integer(String v, CSVRecord r, int c) {
        if (NumberText.isInteger(v)) return Long.parseLong(v);
        try {
            double d = NumberText.parse(v);
            if (d == Math.rint(d) && Math.abs(d) < 0x1p53) return (long) d;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw cellError("'" + shorten(v) + "' is not an integer", r, c,
                "the column " + schema.name(c) + " holds integer counters; fix the cell");
    }

    private boolean bool(String v, CSVRecord r, int c) {
        Boolean b = NumberText.parseBool(v);
        if (b == null) {
            throw cellError("'" + shorten(v) + "' is not a flag", r, c, "use 0/1 or true/false");
        }
        return b;
    }

    private BadInputException cellError(String what, CSVRecord r, int c, String fix) {
        return new BadInputException(what, source, r.getRecordNumber() - 1, schema.name(c), fix);
    }

    private static String shorten(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "..." : v;
    }

    @Override
    public void close() throws IOException {
        try {
            parser.close();
        } finally {
            input.close();
        }
    }
}
