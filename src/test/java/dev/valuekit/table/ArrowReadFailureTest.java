package dev.valuekit.table;

import dev.valuekit.common.BadInputException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged Arrow inputs (reproducers from the fuzzing run, in testdata/bad) are bad input, and the
 * Arrow memory they made the library allocate is given back even though the read failed.
 */
class ArrowReadFailureTest {
    static final Path BAD = Path.of("testdata/bad");

    /** A 3-episode pendulum rollout with byte 1117 (a record batch's buffer offset) inverted. */
    @Test
    void failedRecordBatchLoadReleasesAllArrowMemory() throws Exception {
        String path = BAD.resolve("arrow-batch-metadata-flip.arrow").toString();
        ArrowTableReader r = (ArrowTableReader) Tables.open(path, null, ReadOptions.defaults());
        BadInputException e = assertThrows(BadInputException.class, () -> {
            while (r.next() != null) { /* read to the damaged batch */ }
        });
        assertTrue(e.getMessage().contains("corrupt Arrow IPC file"), e.getMessage());
        r.close();
        assertEquals(0, r.heldBytes(), "Arrow buffers still allocated after the failed read was closed");
    }

    /** A stream whose schema message declares a body of 3 PB: bad input, not an OutOfMemoryError. */
    @Test
    void absurdMessageBodyLengthIsBadInputNotOutOfMemory() throws Exception {
        for (String name : new String[] {"arrow-huge-message-body.arrows", "arrow-huge-batch-body.arrows"}) {
            byte[] bytes = Files.readAllBytes(BAD.resolve(name));
            BadInputException e = assertThrows(BadInputException.class, () -> {
                try (TableReader r = Tables.open("-", new ByteArrayInputStream(bytes), ReadOptions.defaults())) {
                    while (r.next() != null) { /* read every batch */ }
                }
            }, name);
            assertTrue(e.getMessage().contains("corrupt Arrow IPC stream"), e.getMessage());
        }
    }
}
