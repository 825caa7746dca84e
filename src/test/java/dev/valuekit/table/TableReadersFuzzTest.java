package dev.valuekit.table;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.valuekit.testutil.FuzzContract;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Fuzz targets for the table readers (DESIGN section 6): Arrow IPC file, Arrow IPC stream, CSV and
 * gzipped CSV. Under plain JUnit they run the saved inputs (testdata/fuzz/.../TableReadersFuzzTestInputs)
 * as a regression test in seconds; bench/fuzz.sh fuzzes each for minutes (JAZZER_FUZZ=1).
 */
class TableReadersFuzzTest {
    private static final ReadOptions SMALL_BATCHES = new ReadOptions(64, false);

    @FuzzTest(maxDuration = "2m")
    void arrowFile(byte[] data) throws Exception {
        FuzzContract.check(() -> {
            ArrowTableReader r = ArrowTableReader.file(new ByteArrayReadableSeekableByteChannel(data), "fuzz.arrow", SMALL_BATCHES);
            readAndRelease(r);
        });
    }

    @FuzzTest(maxDuration = "2m")
    void arrowStream(byte[] data) throws Exception {
        FuzzContract.check(() -> {
            ArrowTableReader r = ArrowTableReader.stream(new ByteArrayInputStream(data), data.length, "fuzz.arrows", SMALL_BATCHES);
            readAndRelease(r);
        });
    }

    /** Any bytes through the format sniffing of {@link Tables#open}: CSV, gzipped CSV, or either Arrow form. */
    @FuzzTest(maxDuration = "2m")
    void anyTable(byte[] data) throws Exception {
        FuzzContract.check(() -> {
            try (TableReader r = Tables.open("-", new ByteArrayInputStream(data), SMALL_BATCHES)) {
                while (r.next() != null) { /* read every batch */ }
            }
        });
    }

    private static void readAndRelease(ArrowTableReader r) throws IOException {
        try {
            while (r.next() != null) { /* read every batch */ }
        } finally {
            r.close();
            if (r.heldBytes() != 0) throw new AssertionError("Arrow memory held after close: " + r.heldBytes() + " bytes");
        }
    }
}
