package dev.valuekit.table;

import dev.valuekit.common.BadInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/** General RFC 4180 CSV (quoted cells, embedded line breaks) through Apache Commons CSV. */
final class CommonsCsvRecords implements CsvRecords {
    private final String source;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final long recordOffset;
    private CSVRecord current;

    /** @param recordOffset records already consumed before {@code in} starts (when taking over mid-file) */
    CommonsCsvRecords(InputStream in, String source, long recordOffset) throws IOException {
        this.source = source;
        this.recordOffset = recordOffset;
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();
        this.parser = CSVParser.builder().setReader(new InputStreamReader(in, decoder)).setFormat(format).get();
        this.records = parser.iterator();
    }

    @Override
    public boolean advance() {
        try {
            current = records.hasNext() ? records.next() : null;
            return current != null;
        } catch (UncheckedIOException | IllegalStateException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            long row = recordNumber();
            if (cause instanceof java.util.zip.ZipException || cause instanceof java.io.EOFException) {
                throw Tables.readError((Exception) cause, source);
            }
            if (cause instanceof CharacterCodingException) {
                throw new BadInputException("not UTF-8 text", source, row, null, "save the CSV as UTF-8, or give an Arrow file");
            }
            throw new BadInputException("malformed CSV: " + cause.getMessage(), source, row, null,
                    "check quoting near this row (a quote opened and never closed?)");
        }
    }

    @Override public int size() { return current.size(); }
    @Override public String get(int c) { return current.get(c); }
    @Override public double number(int c) { return NumberText.parse(current.get(c)); }

    @Override
    public long recordNumber() {
        return recordOffset + (current != null ? current.getRecordNumber() : parser.getRecordNumber() + 1);
    }

    @Override public void close() throws IOException { parser.close(); }
}
