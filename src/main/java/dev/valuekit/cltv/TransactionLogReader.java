package dev.valuekit.cltv;

import dev.valuekit.common.BadInputException;
import dev.valuekit.table.Batch;
import dev.valuekit.table.ColumnType;
import dev.valuekit.table.Schema;
import dev.valuekit.table.TableReader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;

/** Reads transaction logs into a {@link TransactionLog}, checking every row. */
public final class TransactionLogReader {
    private static final String DATE_FIX = "write dates as YYYY-MM-DD or YYYYMMDD";
    private static final String AMOUNT_FIX = "amounts must be non-negative numbers; remove refunds or net them against their purchase";

    private TransactionLogReader() {}

    /**
     * Which layout a file has: Arrow magic bytes or a comma in the first line mean a table; a first
     * line {@code customer_id date number_of_cds dollar_value} (or four numbers) means CDNOW; five
     * numbers mean the CDNOW sample. Anything else is left to the table reader to judge.
     */
    public static LogFormat detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) { head = in.readNBytes(4096); }
        if (head.length >= 6 && new String(head, 0, 6, StandardCharsets.US_ASCII).equals("ARROW1")) return LogFormat.TABLE;
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) return LogFormat.TABLE;
        if (head.length >= 4 && head[0] == -1 && head[1] == -1 && head[2] == -1 && head[3] == -1) return LogFormat.TABLE;
        String text = new String(head, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        String first = (nl < 0 ? text : text.substring(0, nl)).trim();
        if (first.contains(",")) return LogFormat.TABLE;
        String[] tok = first.split("\\s+");
        if (tok.length == 4 && tok[0].equalsIgnoreCase("customer_id")) return LogFormat.CDNOW;
        if (tok.length == 4 && allNumeric(tok)) return LogFormat.CDNOW;
        if (tok.length == 5 && allNumeric(tok)) return LogFormat.CDNOW_SAMPLE;
        return LogFormat.TABLE;
    }

    private static boolean allNumeric(String[] tok) {
        for (String t : tok) {
            try { Double.parseDouble(t); } catch (NumberFormatException e) { return false; }
        }
        return true;
    }

    /** Reads a whitespace-separated CDNOW file (full log or sample). */
    public static TransactionLog readWhitespace(Path file, LogFormat format) throws IOException {
        if (format != LogFormat.CDNOW && format != LogFormat.CDNOW_SAMPLE) throw new IllegalArgumentException(format.label());
        String source = file.toString();
        int idCol = 0, dateCol = format == LogFormat.CDNOW ? 1 : 2, amountCol = format == LogFormat.CDNOW ? 3 : 4;
        int width = format == LogFormat.CDNOW ? 4 : 5;
        String[] names = format == LogFormat.CDNOW
                ? new String[]{"customer_id", "date", "number_of_cds", "dollar_value"}
                : new String[]{"master_id", "sample_id", "date", "cds", "dollars"};
        TransactionLog.Builder b = new TransactionLog.Builder(source);
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long row = 0;
            boolean first = true;
            while ((line = r.readLine()) != null) {
                String s = line.trim();
                if (s.isEmpty()) continue;
                String[] tok = s.split("\\s+");
                if (first && format == LogFormat.CDNOW && !allNumeric(tok)) { first = false; continue; } // header
                first = false;
                row++;
                if (tok.length != width) {
                    throw new BadInputException("expected " + width + " whitespace-separated fields, found " + tok.length,
                            source, row, null, "each line must be: " + String.join(" ", names) + " (--transactions-format " + format.label() + ")");
                }
                b.add(tok[idCol], parseDay(tok[dateCol], source, row, names[dateCol]),
                        parseAmount(tok[amountCol], source, row, names[amountCol]));
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw BadInputException.inFile("the log is not UTF-8 text", source, "save it as UTF-8 (or plain ASCII) text");
        }
        return b.build();
    }

    /** Reads a table's customer, date and amount columns; other columns are ignored. */
    public static TransactionLog readTable(TableReader reader, LogColumns cols) throws IOException {
        String source = reader.source();
        Schema s = reader.schema();
        int ci = s.require(cols.customer(), source), di = s.require(cols.date(), source), ai = s.require(cols.amount(), source);
        TransactionLog.Builder b = new TransactionLog.Builder(source);
        Batch batch;
        while ((batch = reader.next()) != null) {
            long base = reader.rowsRead() - batch.rows();
            for (int i = 0; i < batch.rows(); i++) {
                long row = base + i + 1;
                String id = s.type(ci) == ColumnType.STRING ? batch.getString(ci, i) : numericId(batch.getDouble(ci, i));
                if (id == null || id.isEmpty()) {
                    throw new BadInputException("empty customer id", source, row, cols.customer(), "every purchase needs a customer id");
                }
                long day = s.type(di) == ColumnType.STRING
                        ? parseDay(batch.getString(di, i), source, row, cols.date())
                        : integerDate(batch.getDouble(di, i), source, row, cols.date());
                double amount = s.type(ai) == ColumnType.STRING
                        ? parseAmount(batch.getString(ai, i), source, row, cols.amount())
                        : checkAmount(batch.getDouble(ai, i), Double.toString(batch.getDouble(ai, i)), source, row, cols.amount());
                b.add(id, day, amount);
            }
        }
        return b.build();
    }

    /** CSV readers infer numeric id columns as floats: 4.0 is customer "4". */
    private static String numericId(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static long integerDate(double v, String source, long row, String column) {
        if (v == Math.rint(v) && v >= 10000101 && v <= 99991231) {
            try { return PurchaseDates.compact((long) v); } catch (DateTimeParseException e) { /* reported below */ }
        }
        throw new BadInputException("cannot read date " + v, source, row, column, DATE_FIX);
    }

    private static long parseDay(String text, String source, long row, String column) {
        if (text == null) throw new BadInputException("missing date", source, row, column, DATE_FIX);
        try {
            return PurchaseDates.parse(text);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new BadInputException("cannot read date '" + text + "'", source, row, column, DATE_FIX);
        }
    }

    private static double parseAmount(String text, String source, long row, String column) {
        double v;
        try {
            v = Double.parseDouble(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException("amount '" + text + "' is not a number", source, row, column, AMOUNT_FIX);
        }
        return checkAmount(v, text, source, row, column);
    }

    private static double checkAmount(double v, String text, String source, long row, String column) {
        if (!Double.isFinite(v) || v < 0) {
            throw new BadInputException((v < 0 ? "negative amount " : "non-finite amount ") + text.trim(), source, row, column, AMOUNT_FIX);
        }
        return v;
    }
}
