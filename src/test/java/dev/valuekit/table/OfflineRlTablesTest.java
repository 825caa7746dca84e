package dev.valuekit.table;

import dev.valuekit.common.BadInputException;
import dev.valuekit.common.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The D4RL, Minari and npz fixtures of testdata/offline-rl read exactly as their CSV twins. */
class OfflineRlTablesTest {
    private static final String DIR = "testdata/offline-rl/";

    /** Warnings the reader reported. */
    static final class Warnings implements ProgressListener {
        final List<String> messages = new ArrayList<>();
        @Override public void warn(String message) { messages.add(message); }
    }

    static Batch read(String path, Warnings w) {
        return Tables.readAll(path, InputStream.nullInputStream(), ReadOptions.defaults().withListener(w));
    }

    static void assertSameValues(Batch expected, Batch actual) {
        assertEquals(expected.schema().fields().stream().map(Field::name).toList(), actual.schema().fields().stream().map(Field::name).toList());
        assertEquals(expected.rows(), actual.rows());
        for (int c = 0; c < expected.schema().size(); c++) {
            for (int r = 0; r < expected.rows(); r++) {
                assertEquals(expected.getDouble(c, r), actual.getDouble(c, r), "row " + r + " column " + expected.schema().name(c));
            }
        }
        assertEquals(ColumnType.INT64, actual.schema().type(actual.schema().indexOf("episode")));
        assertEquals(ColumnType.BOOL, actual.schema().type(actual.schema().indexOf("terminated")));
    }

    @ParameterizedTest
    @CsvSource({
        "d4rl-small.hdf5, d4rl-small.csv, 1",
        "d4rl-small.npz, d4rl-small.csv, 1",
        "d4rl-next.hdf5, d4rl-next.csv, 0",
        "d4rl-next.npz, d4rl-next.csv, 0",
        "minari-small, minari-small.csv, 0",
        "minari-small/data/main_data.hdf5, minari-small.csv, 0",
    })
    void everyValueMatchesTheCsv(String input, String csv, int warnings) {
        Warnings w = new Warnings();
        Batch actual = read(DIR + input, w);
        assertSameValues(read(DIR + csv, new Warnings()), actual);
        assertEquals(warnings, w.messages.size(), w.messages.toString());
    }

    @Test
    void storedPrecisionIsKeptAndDroppedStepsAreCountedOnce() {
        Warnings w = new Warnings();
        Batch b = read(DIR + "d4rl-small.hdf5", w);
        assertEquals(ColumnType.FLOAT32, b.schema().type(b.schema().indexOf("obs_0")));
        assertEquals(ColumnType.FLOAT32, b.schema().type(b.schema().indexOf("reward")));
        assertEquals(List.of(DIR + "d4rl-small.hdf5: dropped 3 of 12 steps: the last step of each episode has no next observation "
                + "(the file has no next_observations array)"), w.messages);
        // episodes: 4 steps (terminal), 5 (timeout), 3 cut off: one step fewer each
        assertEquals(List.of(0L, 0L, 0L, 1L, 1L, 1L, 1L, 2L, 2L), java.util.Arrays.stream(b.longColumn(0)).boxed().toList());
        Batch minari = read(DIR + "minari-small", new Warnings());
        assertEquals(ColumnType.FLOAT64, minari.schema().type(minari.schema().indexOf("obs_0")));
        assertEquals(ColumnType.FLOAT32, minari.schema().type(minari.schema().indexOf("act_0")));
    }

    @Test
    void readsFromStdinAndInSmallBatches() throws Exception {
        byte[] h5 = Files.readAllBytes(Path.of(DIR + "d4rl-next.hdf5"));
        Batch expected = read(DIR + "d4rl-next.csv", new Warnings());
        assertSameValues(expected, Tables.readAll("-", new java.io.ByteArrayInputStream(h5), ReadOptions.defaults()));
        try (TableReader r = Tables.open(DIR + "d4rl-next.npz", InputStream.nullInputStream(), new ReadOptions(5, false))) {
            int batches = 0;
            for (Batch b = r.next(); b != null; b = r.next()) {
                assertTrue(b.rows() <= 5);
                batches++;
            }
            assertEquals(3, batches);
            assertEquals(12, r.rowsRead());
        }
    }

    @Test
    void badOfflineRlFilesAreOneLineBadInput() throws Exception {
        BadInputException e = assertThrows(BadInputException.class, () -> read(DIR + "bad/no-actions.hdf5", new Warnings()));
        assertTrue(e.getMessage().startsWith("no 'actions' array (" + DIR + "bad/no-actions.hdf5)"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> read(DIR + "bad/lengths.hdf5", new Warnings()));
        assertTrue(e.getMessage().startsWith("arrays of different lengths: 'actions' has 11 rows, expected 12"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> read(DIR + "bad/object.npz", new Warnings()));
        assertTrue(e.getMessage().startsWith("array 'observations' holds Python objects"), e.getMessage());

        byte[] good = Files.readAllBytes(Path.of(DIR + "d4rl-small.hdf5"));
        byte[] npz = Files.readAllBytes(Path.of(DIR + "d4rl-small.npz"));
        for (byte[] whole : new byte[][] {good, npz}) {
            // (cuts inside the data: HDF5 may end in padding, and a zip's data precedes its directory)
            for (int cut : new int[] {8, 100, 200, whole.length / 2}) {
                byte[] part = java.util.Arrays.copyOf(whole, cut);
                BadInputException x = assertThrows(BadInputException.class,
                        () -> Tables.readAll("-", new java.io.ByteArrayInputStream(part), ReadOptions.defaults()), "cut at " + cut);
                assertTrue(!x.getMessage().contains("\n"), x.getMessage());
            }
        }
    }
}
