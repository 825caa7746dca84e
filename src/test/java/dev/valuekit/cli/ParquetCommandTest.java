package dev.valuekit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.testutil.Cli;
import dev.valuekit.testutil.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.Tables;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parquet through the real commands: conversions, training and evaluation read it like CSV. */
class ParquetCommandTest {
    @TempDir
    Path dir;

    private String p(String name) { return dir.resolve(name).toString(); }

    @Test
    void everyColumnTypeSurvivesCsvParquetArrowParquetCsv() throws Exception {
        // int64 counters, float64, bool flags, strings (ids, dates, text with commas and quotes)
        String csv = "episode,step,obs_0,terminated,customer_id,date,note\r\n"
                + "0,0,0.1,false,0042,20240131,plain\r\n"
                + "0,1,-1.5E-300,true,0043,20240201,\"a, \"\"quoted\"\" note\"\r\n"
                + "-7,2,1.7976931348623157E308,false,x,2024-02-02,ünïcødé\r\n";
        Files.writeString(dir.resolve("in.csv"), csv);
        Cli.Result r = Cli.run("convert", p("in.csv"), "-o", p("a.parquet"));
        assertEquals(0, r.code(), r.toString());
        assertEquals(0, Cli.run("convert", p("a.parquet"), "-o", p("b.arrow")).code());
        assertEquals(0, Cli.run("convert", p("b.arrow"), "--format", "parquet", "-o", p("c.bin")).code());
        assertEquals(0, Cli.run("convert", p("c.bin"), "-o", p("back.csv")).code());
        assertEquals(0, Cli.run("convert", p("in.csv"), "-o", p("direct.csv")).code());
        assertEquals(Files.readString(dir.resolve("direct.csv")), Files.readString(dir.resolve("back.csv")));
        var fromCsv = Tables.readAll(p("in.csv"), InputStream.nullInputStream(), ReadOptions.defaults()).schema();
        assertEquals(fromCsv, Tables.readAll(p("c.bin"), InputStream.nullInputStream(), ReadOptions.defaults()).schema());
        assertEquals("[INT64, INT64, FLOAT64, BOOL, STRING, STRING, STRING]",
                fromCsv.fields().stream().map(f -> f.type().toString()).toList().toString());
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.parquet")), Files.readAllBytes(dir.resolve("c.bin")),
                "the same table writes the same Parquet bytes");

        // float32 columns (from an Arrow file) stay float32 through Parquet
        Cli.Result f32 = Cli.run("convert", "testdata/interop/js-stream.arrows", "--select", "obs_*", "-o", p("f.parquet"));
        assertEquals(0, f32.code(), f32.toString());
        Cli.Result shown = Cli.run("convert", p("f.parquet"), "--format", "csv", "-o", "-");
        assertEquals("obs_0,obs_1,obs_2\r\n0.5,-1.25,2.0\r\n1.0,0.25,-3.5\r\n0.125,4.0,8.5\r\n", shown.stdout());
    }

    @Test
    void parquetThroughPipesBothWays() throws Exception {
        Files.writeString(dir.resolve("in.csv"), "a,b\r\n1.5,x\r\n2.5,y\r\n");
        Cli.Result out = Cli.run("convert", p("in.csv"), "--format", "parquet", "-o", "-");
        assertEquals(0, out.code(), out.toString());
        assertEquals("PAR1", new String(out.stdoutBytes(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        Cli.Result back = Cli.runWithStdin(out.stdoutBytes(), "convert", "-", "--format", "csv", "-o", "-");
        assertEquals("a,b\r\n1.5,x\r\n2.5,y\r\n", back.stdout());
    }

    @Test
    void badParquetIsExitTwoOneLineNothingWritten() throws Exception {
        Files.writeString(dir.resolve("in.csv"), "a\r\n1\r\n2\r\n");
        assertEquals(0, Cli.run("convert", p("in.csv"), "-o", p("a.parquet")).code());
        byte[] good = Files.readAllBytes(dir.resolve("a.parquet"));
        Files.write(dir.resolve("cut.parquet"), java.util.Arrays.copyOf(good, good.length - 10));
        Cli.Result r = Cli.run("convert", p("cut.parquet"), "-o", p("out.csv"));
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
        assertTrue(r.stderr().startsWith("valuekit convert: error: truncated or corrupt Parquet file"), r.stderr());
        assertFalse(Files.exists(dir.resolve("out.csv")));
    }

    @Test
    void trainModelAndEvaluateReadParquetExactlyAsCsv() throws Exception {
        Path full = SharedData.dataset("pendulum-random.csv");
        assertEquals(0, Cli.run("convert", full.toString(), "--head", "2000", "-o", p("d.csv")).code());
        assertEquals(0, Cli.run("convert", p("d.csv"), "-o", p("d.parquet")).code());
        String[] tiny = {"--members", "2", "--elites", "1", "--hidden", "8", "--layers", "1", "--batch", "256",
                "--seed", "5", "--threads", "1", "--max-epochs", "1"};
        for (String in : new String[] {"d.csv", "d.parquet"}) {
            String[] args = concat(new String[] {"train-model", "-i", p(in), "-o", p(in + ".safetensors")}, tiny);
            Cli.Result r = Cli.run(args);
            assertEquals(0, r.code(), r.toString());
        }
        Artifact fromCsv = Artifacts.read(dir.resolve("d.csv.safetensors"), "dynamics");
        Artifact fromParquet = Artifacts.read(dir.resolve("d.parquet.safetensors"), "dynamics");
        assertEquals(fromCsv.spec(), fromParquet.spec());
        assertEquals(fromCsv.tensors().keySet(), fromParquet.tensors().keySet());
        fromCsv.tensors().forEach((name, t) -> assertEquals(t, fromParquet.tensors().get(name), name));

        JsonNode[] reports = new JsonNode[2];
        String[] inputs = {"d.csv", "d.parquet"};
        for (int i = 0; i < 2; i++) {
            Cli.Result r = Cli.run("evaluate", "model", "--model", p("d.csv.safetensors"), "--input", p(inputs[i]), "--json", "--threads", "1");
            assertEquals(0, r.code(), r.toString());
            reports[i] = new ObjectMapper().readTree(r.stdout());
        }
        assertEquals(reports[0].get("overall"), reports[1].get("overall"));
        assertEquals(2000, reports[1].get("rows").asInt());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
