package dev.valuekit.cli;

import dev.valuekit.table.Batch;
import dev.valuekit.table.ColumnType;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.Tables;
import dev.valuekit.testutil.Cli;
import dev.valuekit.testutil.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConvertCommandTest {
    @TempDir
    Path dir;

    private String p(String name) { return dir.resolve(name).toString(); }

    @Test
    void csvToArrowToStreamToGzipAndBackIsByteIdentical() throws Exception {
        Path csv = SharedData.dataset("pendulum-random.csv");
        Cli.Result r = Cli.run("convert", csv.toString(), "-o", p("a.arrow"));
        assertEquals(0, r.code(), r.toString());
        assertEquals(0, r.stdoutBytes().length, "stdout carries no logs");
        assertEquals(0, Cli.run("convert", p("a.arrow"), "-o", p("a.arrows")).code());
        assertEquals(0, Cli.run("convert", p("a.arrows"), "-o", p("a.csv.gz")).code());
        assertEquals(0, Cli.run("convert", p("a.csv.gz"), "-o", p("back.csv")).code());
        assertArrayEquals(Files.readAllBytes(csv), Files.readAllBytes(Path.of(p("back.csv"))));
    }

    @Test
    void pipelineGlueThroughStdinAndStdout() throws Exception {
        Path csv = SharedData.dataset("pendulum-random.csv");
        Cli.Result toStdout = Cli.run("convert", csv.toString(), "--head", "1000", "-o", "-");
        assertEquals(0, toStdout.code(), toStdout.toString());
        byte[] stream = toStdout.stdoutBytes();
        assertEquals(-1, java.nio.ByteBuffer.wrap(stream).getInt(), "stdout is an Arrow IPC stream");

        Cli.Result fromStdin = Cli.runWithStdin(stream, "convert", "-", "-o", p("out.csv"));
        assertEquals(0, fromStdin.code(), fromStdin.toString());
        var lines = Files.readAllLines(Path.of(p("out.csv")));
        assertEquals(1001, lines.size());
        assertEquals(Files.readAllLines(csv).subList(0, 1001), lines);

        Cli.Result csvOut = Cli.runWithStdin(stream, "convert", "-", "--format", "csv", "--select", "episode,reward", "-o", "-");
        assertEquals(0, csvOut.code(), csvOut.toString());
        assertTrue(csvOut.stdout().startsWith("episode,reward\r\n0,-0.02237093363995464\r\n"), csvOut.stdout().substring(0, 60));
    }

    @Test
    void selectWithGlobsAndHead() throws Exception {
        Path csv = SharedData.dataset("pendulum-random.csv");
        Cli.Result r = Cli.run("convert", csv.toString(), "--select", "obs_*,reward,terminated", "--head", "70000",
                "--batch-size", "300", "-o", p("s.arrow"));
        assertEquals(0, r.code(), r.toString());
        Batch b = Tables.readAll(p("s.arrow"), InputStream.nullInputStream(), ReadOptions.defaults());
        assertEquals("[Field[name=obs_0, type=FLOAT64], Field[name=obs_1, type=FLOAT64], Field[name=obs_2, type=FLOAT64], "
                + "Field[name=reward, type=FLOAT64], Field[name=terminated, type=BOOL]]", b.schema().toString());
        assertEquals(20000, b.rows());

        Cli.Result head = Cli.run("convert", p("s.arrow"), "--head", "450", "--batch-size", "100", "--select", "reward", "-o", p("h.csv"));
        assertEquals(0, head.code(), head.toString());
        assertEquals(451, Files.readAllLines(Path.of(p("h.csv"))).size());
    }

    @Test
    void unknownColumnListsWhatTheTableHas() {
        Path csv = SharedData.dataset("pendulum-random.csv");
        Cli.Result r = Cli.run("convert", csv.toString(), "--select", "obs_*,rewards", "-o", p("x.csv"));
        assertEquals(2, r.code());
        assertTrue(r.stderr().contains("no column matches 'rewards'"), r.stderr());
        assertTrue(r.stderr().contains("available columns: episode,step,obs_0,obs_1,obs_2,act_0,reward,"), r.stderr());
        assertFalse(Files.exists(Path.of(p("x.csv"))));
    }

    @Test
    void nonFiniteValuesOnlyWithAllowNan() throws Exception {
        byte[] csv = "obs_0,reward\r\n0.5,nan\r\n1.0,-inf\r\n".getBytes();
        Cli.Result rejected = Cli.runWithStdin(csv, "convert", "-", "-o", p("n.arrow"));
        assertEquals(2, rejected.code());
        assertTrue(rejected.stderr().contains("(stdin, row 1, column reward)"), rejected.stderr());
        assertTrue(rejected.stderr().contains("--allow-nan"), rejected.stderr());

        Cli.Result allowed = Cli.runWithStdin(csv, "convert", "-", "--allow-nan", "-o", p("n.arrow"));
        assertEquals(0, allowed.code(), allowed.toString());
        Cli.Result back = Cli.run("convert", p("n.arrow"), "--allow-nan", "--format", "csv", "-o", "-");
        assertEquals("obs_0,reward\r\n0.5,nan\r\n1.0,-inf\r\n", back.stdout());
        // NaN inside an Arrow file is rejected like in CSV.
        Cli.Result arrowNan = Cli.run("convert", p("n.arrow"), "-o", p("m.csv"));
        assertEquals(2, arrowNan.code());
        assertTrue(arrowNan.stderr().contains("non-finite value nan (" + p("n.arrow") + ", row 1, column reward)"), arrowNan.stderr());
    }

    @Test
    void readsFixedSizeListColumnsFromArrowJsAsFlatColumns() throws Exception {
        Cli.Result r = Cli.run("convert", "testdata/interop/js-stream.arrows", "--select", "obs_*", "--format", "csv", "-o", "-");
        assertEquals(0, r.code(), r.toString());
        assertEquals("obs_0,obs_1,obs_2\r\n0.5,-1.25,2.0\r\n1.0,0.25,-3.5\r\n0.125,4.0,8.5\r\n", r.stdout());
    }

    @Test
    void typesSurviveCsvInference() throws Exception {
        byte[] csv = "episode,step,obs_0,terminated,truncated,customer_id\n0,0,1,0,false,0042\n0,1,2.5,1,true,0043\n".getBytes();
        Batch b = Tables.readAll("-", new ByteArrayInputStream(csv), ReadOptions.defaults());
        assertEquals(ColumnType.INT64, b.schema().type(0));
        assertEquals(ColumnType.FLOAT64, b.schema().type(2));
        assertEquals(ColumnType.BOOL, b.schema().type(3));
        assertEquals(ColumnType.BOOL, b.schema().type(4));
        assertEquals(ColumnType.STRING, b.schema().type(5));
        assertEquals("0042", b.stringColumn(5)[0]);
    }

    @Test
    void helpTeachesWithExamples() {
        assertEquals(0, Cli.run("convert", "--help").code());
        // The usage text itself (Main's stdout wiring of subcommand help is tested with Main).
        String usage = new picocli.CommandLine(new ConvertCommand()).getUsageMessage();
        for (String s : new String[] {"--select", "--head", "--batch-size", "Default: 65536", "--allow-nan", "--format", "Examples:",
            "valuekit convert - -o out.csv"}) {
            assertTrue(usage.contains(s), s + " in:\n" + usage);
        }
    }
}
