package dev.valuekit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.artifact.DType;
import dev.valuekit.artifact.Provenance;
import dev.valuekit.artifact.Tensor;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;

import static org.junit.jupiter.api.Assertions.*;

class InspectCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    private Path model() throws IOException {
        Path data = dir.resolve("data.csv");
        Files.writeString(data, "abc");
        LinkedHashMap<String, Tensor> t = new LinkedHashMap<>();
        t.put("q.layer.0.weight", new Tensor("q.layer.0.weight", DType.F32, new long[] {2, 3, 2},
                new double[] {-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
        t.put("q.layer.0.bias", new Tensor("q.layer.0.bias", DType.F64, new long[] {2}, new double[] {0.25, Double.NaN}));
        t.put("gamma", new Tensor("gamma", DType.F64, new long[] {}, new double[] {0.99}));
        ObjectNode spec = JSON.createObjectNode();
        spec.put("method", "fqe");
        spec.put("discount", 0.99);
        ObjectNode prov = Provenance.start("valuekit fit-value -i data.csv").seed(5).input(data)
                .created(Instant.parse("2026-11-27T06:00:00Z")).summary("epochs", 3).toJson();
        Path p = dir.resolve("q.safetensors");
        try (AtomicOutput out = AtomicOutput.open(p.toString(), System.out)) {
            Artifacts.write(out, new Artifact("q", spec, prov, t));
            out.commit();
        }
        return p;
    }

    @Test
    void textReportForPeople() throws IOException {
        Path p = model();
        Cli.Result r = Cli.run("inspect", p.toString());
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.stderr());
        String s = r.stdout();
        assertTrue(s.startsWith("file        " + p + " ("), s);
        assertTrue(s.contains("\nkind        q\n"), s);
        assertTrue(s.contains("\nformat      valuekit 1\n"), s);
        assertTrue(s.contains("\nspec\n  {\n    \"method\": \"fqe\",\n    \"discount\": 0.99\n  }\n"), s);
        assertTrue(s.contains("\"command_line\": \"valuekit fit-value -i data.csv\""), s);
        assertTrue(s.contains("\"sha256\": \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\""), s);
        assertTrue(s.contains("\ntensors     3, 15 parameters\n"), s);
        // header then rows in storage order (F64 first, then by name), with non-finite count since one has a NaN
        String[] lines = s.substring(s.indexOf("tensors     ")).split("\n");
        assertTrue(lines[1].matches("  name +dtype +shape +params +min +mean +max +non-finite"), lines[1]);
        assertTrue(lines[2].matches("  gamma +F64 +\\[] +1 +0\\.990000 +0\\.990000 +0\\.990000 +0"), lines[2]);
        assertTrue(lines[3].matches("  q\\.layer\\.0\\.bias +F64 +\\[2] +2 +0\\.250000 +0\\.250000 +0\\.250000 +1"), lines[3]);
        assertTrue(lines[4].matches("  q\\.layer\\.0\\.weight +F32 +\\[2, 3, 2] +12 +-1\\.00000 +4\\.50000 +10\\.0000 +0"), lines[4]);
    }

    @Test
    void jsonReportForScripts() throws IOException {
        Path p = model();
        Cli.Result r = Cli.run("inspect", "--json", p.toString());
        assertEquals(0, r.code(), r::toString);
        JsonNode j = JSON.readTree(r.stdout());
        assertEquals(java.util.List.of("file", "bytes", "format", "kind", "spec", "provenance", "metadata", "tensors", "total_params"),
                names(j));
        assertEquals(p.toString(), j.get("file").textValue());
        assertEquals(Files.size(p), j.get("bytes").longValue());
        assertEquals(1, j.get("format").intValue());
        assertEquals("q", j.get("kind").textValue());
        assertEquals("fqe", j.get("spec").get("method").textValue());
        assertEquals(5, j.get("provenance").get("seed").intValue());
        assertEquals(0, j.get("metadata").size());
        assertEquals(15, j.get("total_params").longValue());
        JsonNode w = j.get("tensors").get(2);
        assertEquals("q.layer.0.weight", w.get("name").textValue());
        assertEquals("F32", w.get("dtype").textValue());
        assertEquals("[2,3,2]", w.get("shape").toString());
        assertEquals(12, w.get("params").longValue());
        assertEquals(-1.0, w.get("min").doubleValue());
        assertEquals(4.5, w.get("mean").doubleValue());
        assertEquals(10.0, w.get("max").doubleValue());
        assertEquals(1, j.get("tensors").get(1).get("non_finite").longValue());
    }

    private static java.util.List<String> names(JsonNode j) {
        java.util.List<String> l = new java.util.ArrayList<>();
        j.fieldNames().forEachRemaining(l::add);
        return l;
    }

    @Test
    void plainSafetensorsFileHasNoKind() throws Exception {
        Path p = Path.of(InspectCommandTest.class.getResource("/dev/valuekit/artifact/python-mixed.safetensors").toURI());
        Cli.Result r = Cli.run("inspect", p.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.stdout().contains("\nkind        none: no valuekit metadata (a plain safetensors file)\n"), r.stdout());
        assertTrue(r.stdout().contains("\nmetadata\n  format = pt\n"), r.stdout());
        assertTrue(r.stdout().contains("\n  empty           F32    [0, 4]       0          -             -             -\n"), r.stdout());
        assertTrue(r.stdout().contains("\ntensors     4, 10 parameters\n"), r.stdout());
        JsonNode j = JSON.readTree(Cli.run("inspect", p.toString(), "--json").stdout());
        assertTrue(j.get("format").isNull());
        assertTrue(j.get("kind").isNull());
        assertTrue(j.get("spec").isNull());
        assertTrue(j.get("provenance").isNull());
        assertEquals("pt", j.get("metadata").get("format").textValue());
        assertTrue(j.get("tensors").get(1).get("min").isNull());
        assertEquals(10, j.get("total_params").longValue());
    }

    @Test
    void badFileIsOneLineExitTwo() throws IOException {
        Path p = dir.resolve("short.safetensors");
        Files.write(p, new byte[3]);
        Cli.Result r = Cli.run("inspect", p.toString());
        assertEquals(2, r.code());
        assertEquals("", r.stdout());
        assertEquals("valuekit inspect: error: file is too short to be safetensors (3 bytes; the header length alone takes 8) ("
                + p + "): the file is truncated or not a model file; re-create it\n", r.stderr());
        r = Cli.run("inspect", "-");
        assertEquals(2, r.code());
        assertTrue(r.stderr().contains("not stdin"), r.stderr());
    }

    @Test
    void helpTeachesWithExamples() {
        Cli.Result r = Cli.run("inspect", "--help");
        assertEquals(0, r.code());
        assertTrue(r.stdout().contains("--json"), r.stdout());
        assertTrue(r.stdout().replaceAll("\\s+", " ").contains("Default: text."), r.stdout());
        assertTrue(r.stdout().contains("Examples:\n  # Describe a dynamics model for people\n  valuekit inspect dyn.safetensors"), r.stdout());
        assertTrue(Cli.run("--help").stdout().contains("inspect"));
    }
}
