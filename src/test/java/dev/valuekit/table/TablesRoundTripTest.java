package dev.valuekit.table;

import dev.valuekit.common.AtomicOutput;
import dev.valuekit.testutil.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TablesRoundTripTest {
    private static final InputStream NO_STDIN = InputStream.nullInputStream();

    @TempDir
    Path dir;

    static void write(Batch b, String path, WriteOptions o) throws Exception {
        try (TableWriter w = Tables.create(AtomicOutput.open(path, OutputStreamHolder.NONE), b.schema(), o)) {
            w.write(b);
            w.finish();
        }
    }

    /** Only for writers to files; stdout is never used. */
    static final class OutputStreamHolder {
        static final java.io.OutputStream NONE = java.io.OutputStream.nullOutputStream();
    }

    static void assertSameTable(Batch expected, Batch actual) {
        assertEquals(expected.schema(), actual.schema());
        assertEquals(expected.rows(), actual.rows());
        for (int c = 0; c < expected.schema().size(); c++) {
            String name = expected.schema().name(c);
            switch (expected.schema().type(c)) {
                case FLOAT32, FLOAT64 -> assertArrayEquals(java.util.Arrays.copyOf(expected.doubleColumn(c), expected.rows()),
                        java.util.Arrays.copyOf(actual.doubleColumn(c), actual.rows()), name);
                case INT64 -> assertArrayEquals(java.util.Arrays.copyOf(expected.longColumn(c), expected.rows()),
                        java.util.Arrays.copyOf(actual.longColumn(c), actual.rows()), name);
                case BOOL -> assertArrayEquals(java.util.Arrays.copyOf(expected.boolColumn(c), expected.rows()),
                        java.util.Arrays.copyOf(actual.boolColumn(c), actual.rows()), name);
                case STRING -> assertArrayEquals(java.util.Arrays.copyOf(expected.stringColumn(c), expected.rows()),
                        java.util.Arrays.copyOf(actual.stringColumn(c), actual.rows()), name);
            }
        }
    }

    @Test
    void sharedDatasetRoundTripsThroughEveryFormatExactly() throws Exception {
        Path csv = SharedData.dataset("pendulum-random.csv");
        Batch original = Tables.readAll(csv.toString(), NO_STDIN, ReadOptions.defaults());
        Schema s = original.schema();
        assertEquals(20000, original.rows());
        assertEquals(ColumnType.INT64, s.type(s.indexOf("episode")));
        assertEquals(ColumnType.FLOAT64, s.type(s.indexOf("obs_0")));
        assertEquals(ColumnType.BOOL, s.type(s.indexOf("terminated")));
        assertEquals(0.9909858703613281, original.getDouble(s.indexOf("obs_0"), 0));

        String arrow = dir.resolve("a.arrow").toString();
        String arrows = dir.resolve("a.arrows").toString();
        String gz = dir.resolve("a.csv.gz").toString();
        String back = dir.resolve("back.csv").toString();
        write(original, arrow, WriteOptions.defaults());
        Batch fromFile = Tables.readAll(arrow, NO_STDIN, ReadOptions.defaults());
        assertSameTable(original, fromFile);
        write(fromFile, arrows, WriteOptions.defaults());
        Batch fromStream = Tables.readAll(arrows, NO_STDIN, ReadOptions.defaults());
        assertSameTable(original, fromStream);
        write(fromStream, gz, WriteOptions.defaults());
        byte[] gzBytes = Files.readAllBytes(Path.of(gz));
        assertEquals(0x1f, gzBytes[0] & 0xff);
        Batch fromGz = Tables.readAll(gz, NO_STDIN, ReadOptions.defaults());
        assertSameTable(original, fromGz);
        write(fromGz, back, WriteOptions.defaults());
        // Numbers are written the way Python wrote them: the file comes back byte for byte.
        assertArrayEquals(Files.readAllBytes(csv), Files.readAllBytes(Path.of(back)));
    }

    @Test
    void readsInBoundedBatchesAndCountsRows() throws Exception {
        StringBuilder sb = new StringBuilder("episode,step,x,flag,name\n");
        for (int i = 0; i < 10_000; i++) sb.append(i / 100).append(',').append(i % 100).append(',').append(i * 0.5)
                .append(',').append(i % 2 == 0 ? "true" : "false").append(",n").append(i).append('\n');
        Path csv = dir.resolve("many.csv");
        Files.writeString(csv, sb);
        String arrows = dir.resolve("many.arrows").toString();
        int batches = 0;
        try (TableReader r = Tables.open(csv.toString(), NO_STDIN, new ReadOptions(128, false));
             TableWriter w = Tables.create(AtomicOutput.open(arrows, OutputStreamHolder.NONE), r.schema(), WriteOptions.defaults())) {
            assertEquals(ColumnType.BOOL, r.schema().type(3));
            assertEquals(ColumnType.STRING, r.schema().type(4));
            for (Batch b = r.next(); b != null; b = r.next()) {
                assertTrue(b.rows() <= 128);
                w.write(b);
                batches++;
            }
            assertEquals(10_000, r.rowsRead());
            w.finish();
        }
        assertEquals((10_000 + 127) / 128, batches);
        // Arrow input is sliced to the batch size as well.
        try (TableReader r = Tables.open(arrows, NO_STDIN, new ReadOptions(1000, false))) {
            long rows = 0;
            int n = 0;
            for (Batch b = r.next(); b != null; b = r.next()) {
                assertTrue(b.rows() <= 1000);
                assertEquals("n" + rows, b.stringColumn(4)[0]);
                assertEquals(rows * 0.5, b.doubleColumn(2)[0]);
                rows += b.rows();
                n++;
            }
            assertEquals(10_000, rows);
            assertTrue(n >= 10);
        }
    }

    @Test
    void stdinIsSniffedLikeAFile() throws Exception {
        Batch b = new Batch.Builder(3).addFloat("obs_0", new double[] {0.5, -1.25, 3})
                .addLong("episode", new long[] {1, 2, 3}).addBool("terminated", new boolean[] {true, false, true})
                .addString("s", new String[] {"a,b", "\"q\"", null}).build();
        for (String ext : new String[] {"x.arrow", "x.arrows", "x.csv.gz"}) {
            Path p = dir.resolve(ext);
            write(b, p.toString(), WriteOptions.defaults());
            Batch back = Tables.readAll("-", new ByteArrayInputStream(Files.readAllBytes(p)), ReadOptions.defaults());
            if (ext.endsWith(".gz")) {
                // CSV has no types: floats come back as float64 and the missing string as empty.
                assertEquals(ColumnType.FLOAT64, back.schema().type(0));
                assertArrayEquals(new double[] {0.5, -1.25, 3}, back.doubleColumn(0));
                assertArrayEquals(new String[] {"a,b", "\"q\"", ""}, back.stringColumn(3));
            } else {
                assertSameTable(b, back);
            }
        }
    }

    @Test
    void csvTypeInferenceKeepsLaterNonIntegersInFloatColumns() throws Exception {
        // act_0 holds integers in the first batch and 1.5 later: it is float64 from the start.
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "act_0,terminated,customer_id\n0,0,007\n1,1,008\n1.5,true,x9\n");
        try (TableReader r = Tables.open(csv.toString(), NO_STDIN, new ReadOptions(2, false))) {
            assertEquals(ColumnType.FLOAT64, r.schema().type(0));
            assertEquals(ColumnType.BOOL, r.schema().type(1));
            assertEquals(ColumnType.STRING, r.schema().type(2));
            r.next();
            Batch b = r.next();
            assertEquals(1.5, b.doubleColumn(0)[0]);
            assertTrue(b.boolColumn(1)[0]);
            assertNull(r.next());
        }
    }

    @Test
    void csvToStdoutAndFloat32Text() throws Exception {
        Batch b = new Batch.Builder(2).addFloat("f", new double[] {(float) 0.1, 2}).addDouble("d", new double[] {0.1, 1e-7})
                .addBool("t", new boolean[] {true, false}).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TableWriter w = Tables.create(AtomicOutput.open("-", out), b.schema(), new WriteOptions(TableFormat.CSV))) {
            w.write(b);
            w.finish();
        }
        assertEquals("f,d,t\r\n0.1,0.1,1\r\n2.0,1e-07,0\r\n", out.toString());
    }

    @Test
    void quotedCellsLineBreaksAndBufferBoundariesParseLikeCommonsCsv() throws Exception {
        // Plain rows (split from bytes) then, past the 64 KiB buffer and the first batch, quoted
        // cells with commas and line breaks (taken over by Commons CSV); CRLF, blank lines, no
        // final line break.
        StringBuilder sb = new StringBuilder("x,name\r\n");
        int plain = 9000;
        for (int i = 0; i < plain; i++) sb.append(i * 0.125).append(",n").append(i).append(i % 1000 == 0 ? "\r\n\r\n" : "\r\n");
        sb.append("1.5,\"a,\"\"b\"\"\nc\"\r\n2.5,plain\r\n3.5,\u00e9t\u00e9");
        Path csv = dir.resolve("q.csv");
        Files.writeString(csv, sb);
        Batch b = Tables.readAll(csv.toString(), NO_STDIN, new ReadOptions(4096, false));
        assertEquals(plain + 3, b.rows());
        assertEquals(ColumnType.STRING, b.schema().type(1));
        for (int i = 0; i < plain; i++) {
            assertEquals(i * 0.125, b.doubleColumn(0)[i]);
            assertEquals("n" + i, b.stringColumn(1)[i]);
        }
        assertEquals("a,\"b\"\nc", b.stringColumn(1)[plain]);
        assertEquals(2.5, b.doubleColumn(0)[plain + 1]);
        assertEquals("\u00e9t\u00e9", b.stringColumn(1)[plain + 2]);
        // A bad cell after the hand-over is reported at its data row.
        Files.writeString(csv, sb.toString().replace("2.5,plain", "oops,plain"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.valuekit.common.BadInputException.class,
                () -> Tables.readAll(csv.toString(), NO_STDIN, new ReadOptions(4096, false)));
        assertEquals(plain + 2, e.row(), e.getMessage());
        assertEquals("x", e.column());
    }

    @Test
    void invalidUtf8IsReported() throws Exception {
        Path csv = dir.resolve("latin1.csv");
        Files.write(csv, new byte[] {'n', 'a', 'm', 'e', '\n', 'a', '\n', (byte) 0xE9, 't', '\n'});
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.valuekit.common.BadInputException.class,
                () -> Tables.readAll(csv.toString(), NO_STDIN, ReadOptions.defaults()));
        assertTrue(e.getMessage().startsWith("not UTF-8 text (" + csv + ", row 2)"), e.getMessage());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"pendulum-medium.csv", "pendulum-expert.csv", "mountaincar-random.csv",
        "cartpole-random.csv", "acrobot-random.csv"})
    void everySharedTransitionsFileComesBackByteForByte(String name) throws Exception {
        Path csv = SharedData.dataset(name);
        String arrow = dir.resolve("t.arrow").toString();
        String back = dir.resolve("t.csv").toString();
        write(Tables.readAll(csv.toString(), NO_STDIN, ReadOptions.defaults()), arrow, WriteOptions.defaults());
        write(Tables.readAll(arrow, NO_STDIN, ReadOptions.defaults()), back, WriteOptions.defaults());
        assertArrayEquals(Files.readAllBytes(csv), Files.readAllBytes(Path.of(back)), name);
    }
}
