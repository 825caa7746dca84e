package dev.valuekit.cltv;

import dev.valuekit.common.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransactionLogReaderTest {
    @TempDir Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void detectsTheLayouts() throws Exception {
        assertEquals(LogFormat.CDNOW, TransactionLogReader.detect(write("a.txt", " customer_id  date number_of_cds  dollar_value\n 00001 19970101  1   11.77\n")));
        assertEquals(LogFormat.CDNOW_SAMPLE, TransactionLogReader.detect(write("b.txt", " 00004 0001 19970101  2   29.33\n")));
        assertEquals(LogFormat.TABLE, TransactionLogReader.detect(write("c.csv", "customer_id,date,amount\nx,2024-01-01,3\n")));
    }

    @Test
    void readsCdnowWithHeader() throws Exception {
        TransactionLog log = TransactionLogReader.readWhitespace(
                write("a.txt", " customer_id  date number_of_cds  dollar_value\n 00001 19970101  1   11.77\n 00002 19970112  5   77.00\n"), LogFormat.CDNOW);
        assertEquals(2, log.size());
        assertEquals("00002", log.customer()[1]);
        assertEquals(LocalDate.of(1997, 1, 12).toEpochDay(), log.day()[1]);
        assertEquals(77.0, log.amount()[1]);
    }

    @Test
    void badRowsNameFileRowAndColumn() throws Exception {
        BadInputException neg = assertThrows(BadInputException.class, () -> TransactionLogReader.readWhitespace(
                write("n.txt", " 1 1 19970101 1 5\n 1 1 19970102 1 -5\n"), LogFormat.CDNOW_SAMPLE));
        assertEquals(2, neg.row());
        assertEquals("dollars", neg.column());
        assertTrue(neg.what().contains("negative"));
        BadInputException date = assertThrows(BadInputException.class, () -> TransactionLogReader.readWhitespace(
                write("d.txt", " 1 1 19971301 1 5\n"), LogFormat.CDNOW_SAMPLE));
        assertEquals("date", date.column());
        assertEquals(1, date.row());
        BadInputException nan = assertThrows(BadInputException.class, () -> TransactionLogReader.readWhitespace(
                write("x.txt", " customer_id date n v\n 1 19970101 1 abc\n"), LogFormat.CDNOW));
        assertTrue(nan.what().contains("not a number"));
        assertEquals(1, nan.row());
    }

    @Test
    void datesInBothSpellings() {
        long day = LocalDate.of(1997, 3, 5).toEpochDay();
        assertEquals(day, PurchaseDates.parse("19970305"));
        assertEquals(day, PurchaseDates.parse("1997-03-05"));
        assertEquals(day, PurchaseDates.parse("1997-03-05T23:59:00"));
        assertEquals(day, PurchaseDates.compact(19970305));
    }

    @Test
    void tableWithNumericIdsAndCompactDates() throws Exception {
        Path csv = write("log.csv", "customer_id,date,amount\n4,19970101,29.33\n4,19970118,29.73\n21,19970101,63.34\n");
        try (var reader = dev.valuekit.table.Tables.open(csv.toString(), null, dev.valuekit.table.ReadOptions.defaults())) {
            TransactionLog log = TransactionLogReader.readTable(reader, LogColumns.defaults());
            assertEquals(3, log.size());
            assertEquals("4", log.customer()[0]);
            assertEquals("21", log.customer()[2]);
            assertEquals(LocalDate.of(1997, 1, 18).toEpochDay(), log.day()[1]);
            assertEquals(63.34, log.amount()[2]);
        }
    }
}
