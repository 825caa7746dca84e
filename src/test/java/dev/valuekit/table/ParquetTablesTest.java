package dev.valuekit.table;

import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static dev.valuekit.table.TablesRoundTripTest.assertSameTable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParquetTablesTest {
    private static final InputStream NO_STDIN = InputStream.nullInputStream();

    @TempDir
    Path dir;

    /** Every column type, with the values that are easy to get wrong. */
    static Batch allTypes(int rows) {
        double[] f32 = new double[rows];
        double[] f64 = new double[rows];
        long[] i64 = new long[rows];
        boolean[] flags = new boolean[rows];
        String[] names = new String[rows];
        for (int r = 0; r < rows; r++) {
            f32[r] = (float) (Math.sin(r) * 1e3);
            f64[r] = r == 0 ? -0.0 : r == 1 ? Double.MIN_VALUE : r == 2 ? Double.MAX_VALUE : Math.cos(r) / 3;
            i64[r] = r == 0 ? Long.MIN_VALUE : r == 1 ? Long.MAX_VALUE : r * 7919L - 5;
            flags[r] = r % 3 == 0;
            names[r] = r % 5 == 0 ? null : r % 5 == 1 ? "" : r % 5 == 2 ? "ünïcødé ✓" : "c" + (r % 97);
        }
        return new Batch.Builder(rows).addFloat("obs_0", f32).addDouble("reward", f64).addLong("step", i64)
                .addBool("terminated", flags).addString("customer_id", names).build();
    }

    private String write(Batch b, String name, long rowGroupBytes) throws Exception {
        String path = dir.resolve(name).toString();
        try (TableWriter w = new ParquetTableWriter(AtomicOutput.open(path, java.io.OutputStream.nullOutputStream()), b.schema(), rowGroupBytes)) {
            w.write(b);
            w.finish();
        }
        return path;
    }

    @Test
    void everyColumnTypeRoundTripsExactlyThroughManyRowGroupsAndSmallBatches() throws Exception {
        Batch original = allTypes(120_000);
        String path = write(original, "t.parquet", 256 << 10);
        ParquetMetadata footer;
        try (ParquetFileReader f = ParquetFileReader.open(new LocalInputFile(Path.of(path)), ParquetTableReader.readOptions())) {
            footer = f.getFooter();
        }
        assertTrue(footer.getBlocks().size() > 3, "several row groups: " + footer.getBlocks().size());
        try (TableReader r = Tables.open(path, NO_STDIN, new ReadOptions(7000, false))) {
            assertEquals(original.schema(), r.schema());
            List<Batch> batches = new ArrayList<>();
            for (Batch b = r.next(); b != null; b = r.next()) {
                assertTrue(b.rows() <= 7000, "batches bounded by the batch size");
                batches.add(b);
            }
            assertEquals(120_000, r.rowsRead());
            assertSameTable(original, Tables.concat(r.schema(), batches, 120_000));
        }
        assertEquals(-0.0, Tables.readAll(path, NO_STDIN, ReadOptions.defaults()).doubleColumn(1)[0]);
        assertEquals("PAR1", new String(Files.readAllBytes(Path.of(path)), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void readsFromStdinAndByExtensionThroughTables() throws Exception {
        Batch original = allTypes(50);
        String path = dir.resolve("x.parquet").toString();
        assertEquals(TableFormat.PARQUET, Tables.outputFormat(path, WriteOptions.defaults()));
        TablesRoundTripTest.write(original, path, WriteOptions.defaults());
        byte[] bytes = Files.readAllBytes(Path.of(path));
        assertSameTable(original, Tables.readAll("-", new ByteArrayInputStream(bytes), ReadOptions.defaults()));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        try (TableWriter w = Tables.create(AtomicOutput.open("-", stdout), original.schema(), new WriteOptions(TableFormat.PARQUET))) {
            w.write(original);
            w.finish();
        }
        assertSameTable(original, Tables.readAll("-", new ByteArrayInputStream(stdout.toByteArray()), ReadOptions.defaults()));
    }

    @Test
    void readsADirectoryOfPartFilesInNameOrderSkippingMarkers() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Batch all = allTypes(300);
        Files.move(Path.of(write(all.slice(0, 100), "a.parquet", 1 << 20)), data.resolve("part-00000.snappy.parquet"));
        Files.move(Path.of(write(all.slice(100, 300), "b.parquet", 1 << 20)), data.resolve("part-00001.snappy.parquet"));
        Files.writeString(data.resolve("_SUCCESS"), "");
        Files.writeString(data.resolve(".part-00000.snappy.parquet.crc"), "crc");
        assertSameTable(all, Tables.readAll(data.toString(), NO_STDIN, ReadOptions.defaults()));

        Batch other = new Batch.Builder(1).addDouble("reward", new double[] {1}).build();
        Files.move(Path.of(write(other, "c.parquet", 1 << 20)), data.resolve("part-00002.snappy.parquet"));
        BadInputException e = assertThrows(BadInputException.class, () -> Tables.readAll(data.toString(), NO_STDIN, ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("part file's schema differs"), e.getMessage());
        assertTrue(e.getMessage().contains("part-00002"), e.getMessage());

        Path empty = Files.createDirectory(dir.resolve("empty"));
        e = assertThrows(BadInputException.class, () -> Tables.open(empty.toString(), NO_STDIN, ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("directory without table files"), e.getMessage());
    }

    /** Writes a file the way other tools do: parquet-java's example object model, any codec. */
    private Path foreign(String schema, CompressionCodecName codec, Consumer<List<Group>> rows) throws Exception {
        MessageType type = MessageTypeParser.parseMessageType(schema);
        Path path = dir.resolve("foreign-" + codec + "-" + Math.abs(schema.hashCode()) + ".parquet");
        Files.deleteIfExists(path);
        List<Group> groups = new ArrayList<>();
        rows.accept(groups);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(path)).withConf(new PlainParquetConfiguration())
                .withType(type).withCodecFactory(ParquetCodecs.INSTANCE).withCompressionCodec(codec).build()) {
            for (Group g : groups) w.write(g);
        }
        return path;
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
    void readsOtherToolsTypesAndCodecs(CompressionCodecName codec) throws Exception {
        String schema = "message m { required int32 small; optional int64 big; required float f; required double d; "
                + "required boolean b; optional binary s (STRING); required int32 day (DATE); required binary e (ENUM); }";
        MessageType type = MessageTypeParser.parseMessageType(schema);
        Path path = foreign(schema, codec, groups -> {
            SimpleGroupFactory f = new SimpleGroupFactory(type);
            for (int i = 0; i < 1000; i++) {
                Group g = f.newGroup().append("small", i - 500).append("big", (long) i << 40).append("f", i * 0.25f)
                        .append("d", i / 7.0).append("b", i % 2 == 0).append("day", 19000 + i % 3).append("e", "k" + i % 4);
                if (i % 10 != 0) g.append("s", "s" + (i % 13)); // dictionary-encoded, with nulls
                groups.add(g);
            }
        });
        Batch b = Tables.readAll(path.toString(), NO_STDIN, ReadOptions.defaults());
        assertEquals("[Field[name=small, type=INT64], Field[name=big, type=INT64], Field[name=f, type=FLOAT32], "
                + "Field[name=d, type=FLOAT64], Field[name=b, type=BOOL], Field[name=s, type=STRING], "
                + "Field[name=day, type=STRING], Field[name=e, type=STRING]]", b.schema().toString());
        assertEquals(1000, b.rows());
        for (int i = 0; i < 1000; i++) {
            assertEquals(i - 500, b.longColumn(0)[i]);
            assertEquals((long) i << 40, b.longColumn(1)[i]);
            assertEquals(i * 0.25f, (float) b.doubleColumn(2)[i]);
            assertEquals(i / 7.0, b.doubleColumn(3)[i]);
            assertEquals(i % 2 == 0, b.boolColumn(4)[i]);
            assertEquals(i % 10 == 0 ? null : "s" + (i % 13), b.stringColumn(5)[i]);
            assertEquals(java.time.LocalDate.ofEpochDay(19000 + i % 3).toString(), b.stringColumn(6)[i]);
            assertEquals("k" + i % 4, b.stringColumn(7)[i]);
        }
    }

    @Test
    void aNullInANumericColumnIsRefusedWithItsRow() throws Exception {
        String schema = "message m { optional double reward; }";
        MessageType type = MessageTypeParser.parseMessageType(schema);
        Path path = foreign(schema, CompressionCodecName.SNAPPY, groups -> {
            SimpleGroupFactory f = new SimpleGroupFactory(type);
            groups.add(f.newGroup().append("reward", 1.0));
            groups.add(f.newGroup().append("reward", 2.0));
            groups.add(f.newGroup());
        });
        BadInputException e = assertThrows(BadInputException.class, () -> Tables.readAll(path.toString(), NO_STDIN, ReadOptions.defaults()));
        assertTrue(e.getMessage().startsWith("missing (null) value (" + path + ", row 3, column reward)"), e.getMessage());
    }

    @Test
    void nonFiniteValuesOnlyWhenAllowed() throws Exception {
        Batch nan = new Batch.Builder(2).addDouble("reward", new double[] {1, Double.NaN}).build();
        String path = write(nan, "nan.parquet", 1 << 20);
        BadInputException e = assertThrows(BadInputException.class, () -> Tables.readAll(path, NO_STDIN, ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("non-finite value nan (" + path + ", row 2, column reward)"), e.getMessage());
        assertTrue(Double.isNaN(Tables.readAll(path, NO_STDIN, new ReadOptions(10, true)).doubleColumn(0)[1]));
    }

    @Test
    void unsupportedColumnsAndDamagedFilesAreOneLineErrors() throws Exception {
        String nested = "message m { required double reward; optional group obs (LIST) { repeated group list { required float element; } } }";
        MessageType type = MessageTypeParser.parseMessageType(nested);
        Path listFile = foreign(nested, CompressionCodecName.SNAPPY, groups -> {
            Group g = new SimpleGroupFactory(type).newGroup().append("reward", 1.0);
            g.addGroup("obs").addGroup("list").append("element", 0.5f);
            groups.add(g);
        });
        BadInputException e = assertThrows(BadInputException.class, () -> Tables.open(listFile.toString(), NO_STDIN, ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("column obs.list.element"), e.getMessage());
        assertTrue(e.getMessage().contains("flatten lists to obs_0"), e.getMessage());

        String ts = "message m { required int64 t (TIMESTAMP(MILLIS,true)); }";
        Path tsFile = foreign(ts, CompressionCodecName.SNAPPY, groups ->
                groups.add(new SimpleGroupFactory(MessageTypeParser.parseMessageType(ts)).newGroup().append("t", 5L)));
        e = assertThrows(BadInputException.class, () -> Tables.open(tsFile.toString(), NO_STDIN, ReadOptions.defaults()));
        assertTrue(e.getMessage().startsWith("unsupported Parquet column type"), e.getMessage());

        byte[] good = Files.readAllBytes(Path.of(write(allTypes(5000), "good.parquet", 1 << 20)));
        for (int cut : new int[] {4, 100, good.length / 2, good.length - 3}) {
            Path broken = dir.resolve("cut" + cut + ".parquet");
            Files.write(broken, java.util.Arrays.copyOf(good, cut));
            e = assertThrows(BadInputException.class, () -> Tables.readAll(broken.toString(), NO_STDIN, ReadOptions.defaults()));
            assertTrue(e.getMessage().contains("Parquet"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        byte[] flipped = good.clone();
        for (int i = 200; i < 400; i++) flipped[i] ^= 0x5A;
        Path damaged = dir.resolve("flipped.parquet");
        Files.write(damaged, flipped);
        e = assertThrows(BadInputException.class, () -> Tables.readAll(damaged.toString(), NO_STDIN, ReadOptions.defaults()));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
