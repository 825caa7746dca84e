package dev.valuekit.cltv;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.TableReader;
import dev.valuekit.table.Tables;
import dev.valuekit.testutil.FuzzContract;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz target for transaction logs as {@code predict-cltv features} reads them: layout detection,
 * then the whitespace CDNOW reader or a table (CSV, gzip, Arrow) with customer_id, date, amount.
 * Plain JUnit replays the saved inputs; bench/fuzz.sh fuzzes it for minutes.
 */
class TransactionLogFuzzTest {
    private static final Path FILE = scratch();

    @FuzzTest(maxDuration = "2m")
    void transactionLog(byte[] data) throws Exception {
        Files.write(FILE, data);
        FuzzContract.check(() -> {
            LogFormat f = TransactionLogReader.detect(FILE);
            if (f == LogFormat.CDNOW || f == LogFormat.CDNOW_SAMPLE) {
                TransactionLogReader.readWhitespace(FILE, f);
                return;
            }
            try (TableReader r = Tables.open(FILE.toString(), null, new ReadOptions(64, false))) {
                TransactionLogReader.readTable(r, LogColumns.defaults());
            }
        });
    }

    private static Path scratch() {
        try {
            Path f = Files.createTempFile("valuekit-fuzz", ".log");
            f.toFile().deleteOnExit();
            return f;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
