package dev.valuekit.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valuekit.common.AtomicOutput;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Arrow files cross the language boundary both ways (Arrow JS from npm, apache-arrow 19). */
class InteropTest {
    @TempDir
    Path dir;

    @Test
    void readsFilesAndStreamsWrittenByArrowJs() throws Exception {
        // testdata/interop/*.arrow(s) come from bench/interop/make-fixtures.mjs.
        for (String name : new String[] {"js-file.arrow", "js-stream.arrows"}) {
            Batch b = Tables.readAll("testdata/interop/" + name, InputStream.nullInputStream(), ReadOptions.defaults());
            Schema s = b.schema();
            assertEquals("[Field[name=episode, type=INT64], Field[name=step, type=INT64], Field[name=obs_0, type=FLOAT32], "
                    + "Field[name=obs_1, type=FLOAT32], Field[name=obs_2, type=FLOAT32], Field[name=act_0, type=FLOAT32], "
                    + "Field[name=reward, type=FLOAT64], Field[name=terminated, type=BOOL], Field[name=tag, type=STRING]]",
                    s.toString(), name);
            assertEquals(3, b.rows());
            assertArrayEquals(new long[] {0, 0, 1}, b.longColumn(0));
            assertArrayEquals(new long[] {0, 1, 0}, b.longColumn(1));
            assertArrayEquals(new double[] {0.5, 1.0, 0.125}, b.doubleColumn(2));
            assertArrayEquals(new double[] {-1.25, 0.25, 4.0}, b.doubleColumn(3));
            assertArrayEquals(new double[] {2.0, -3.5, 8.5}, b.doubleColumn(4));
            assertArrayEquals(new double[] {0.1f, -0.2f, 0.3f}, b.doubleColumn(5));
            assertArrayEquals(new double[] {-1.5, 2.25, 1e-7}, b.doubleColumn(6));
            assertArrayEquals(new boolean[] {false, true, false}, b.boolColumn(7));
            assertArrayEquals(new String[] {"a", "b,c", "é"}, b.stringColumn(8));
        }
    }

    @Test
    void arrowJsReadsWhatValuekitWrites() throws Exception {
        Path modules = Path.of("bench/interop/node_modules/apache-arrow");
        Assumptions.assumeTrue(Files.isDirectory(modules) && nodeWorks(),
                "skipped: needs `node` on PATH and `npm install` in bench/interop (Arrow JS); CI without node skips this");
        double[] f32 = {0.1f, -2.5f, 3e-6f, 7f};
        double[] f64 = {0.1, -1e300, 5e-324, 1.0 / 3};
        long[] i64 = {0, -1, 1L << 52, 42};
        boolean[] flags = {true, false, false, true};
        String[] text = {"a", "", "b,\"c\"", null};
        Batch b = new Batch.Builder(4).addFloat("f32", f32).addDouble("f64", f64).addLong("i64", i64)
                .addBool("flag", flags).addString("text", text).build();
        for (String name : new String[] {"vk.arrow", "vk.arrows"}) {
            Path p = dir.resolve(name);
            try (TableWriter w = Tables.create(AtomicOutput.open(p.toString(), OutputStream.nullOutputStream()), b.schema(),
                    WriteOptions.defaults())) {
                w.write(b.head(1));
                w.write(new Batch(b.schema(), 3, new Object[] {tail(f32), tail(f64), java.util.Arrays.copyOfRange(i64, 1, 4),
                    java.util.Arrays.copyOfRange(flags, 1, 4), java.util.Arrays.copyOfRange(text, 1, 4)}));
                w.finish();
            }
            JsonNode t = new ObjectMapper().readTree(runNode(p));
            assertEquals("[[\"f32\",\"Float32\"],[\"f64\",\"Float64\"],[\"i64\",\"Int64\"],[\"flag\",\"Bool\"],[\"text\",\"Utf8\"]]",
                    t.get("schema").toString(), name);
            assertEquals(4, t.get("rows").asInt());
            JsonNode c = t.get("columns");
            for (int i = 0; i < 4; i++) {
                assertEquals(f32[i], c.get("f32").get(i).asDouble(), name);
                assertEquals(f64[i], c.get("f64").get(i).asDouble(), name);
                assertEquals(Long.toString(i64[i]), c.get("i64").get(i).asText(), name);
                assertEquals(flags[i], c.get("flag").get(i).asBoolean(), name);
                if (text[i] == null) assertTrue(c.get("text").get(i).isNull(), name);
                else assertEquals(text[i], c.get("text").get(i).asText(), name);
            }
        }
    }

    private static double[] tail(double[] a) { return java.util.Arrays.copyOfRange(a, 1, a.length); }

    private static boolean nodeWorks() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static String runNode(Path file) throws Exception {
        Process p = new ProcessBuilder("node", "bench/interop/read-table.mjs", file.toString()).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "node timed out");
        assertEquals(0, p.exitValue(), "Arrow JS failed to read " + file + ": " + err);
        return new String(out, StandardCharsets.UTF_8);
    }
}
