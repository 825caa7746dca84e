package dev.valuekit.onnx;

import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.artifact.DType;
import dev.valuekit.artifact.Tensor;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.env.Environments;
import dev.valuekit.evaluate.PolicyEvaluator;
import dev.valuekit.evaluate.PolicyReport;
import dev.valuekit.tensor.Activation;
import dev.valuekit.value.ActionSource;
import dev.valuekit.value.Aggregation;
import dev.valuekit.value.ValueArtifacts;
import dev.valuekit.testutil.Cli;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code valuekit export} through the real CLI: files, metadata, ONNX Runtime on them, bad input. */
class ExportCommandTest {
    private static final Path BAD = Path.of("testdata/bad").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void exportedActorDrivesPendulumToTheReturnsOfEvaluatePolicy() throws Exception {
        Path agent = TestModels.valueFile(tmp, ValueArtifacts.AGENT, Activation.SILU, Aggregation.MIN, 2, 7);
        Path onnx = tmp.resolve("policy.onnx");
        Cli.Result r = Cli.run("export", "-m", agent.toString(), "--format", "onnx", "-o", onnx.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.stderr().contains("wrote the actor"), r.stderr());

        r = Cli.run("evaluate", "policy", "--policy", agent.toString(), "--env", "pendulum", "--episodes", "6", "--json", "--threads", "1");
        assertEquals(0, r.code(), r.toString());
        JsonNode returns = JSON.readTree(r.stdout()).get("returns");

        try (OrtRunner ort = new OrtRunner(Files.readAllBytes(onnx))) {
            ActionSource viaOnnx = (obs, n, rng) -> {
                try {
                    return ort.floats("obs", obs, n, 3).run().get("act");
                } catch (ai.onnxruntime.OrtException e) {
                    throw new IllegalStateException(e);
                }
            };
            PolicyReport rep = PolicyEvaluator.evaluate(Environments.create("pendulum"), viaOnnx, "onnx", 6, 0, null, null, 1);
            assertEquals(returns.size(), rep.returns().length);
            double worst = 0;
            for (int e = 0; e < rep.returns().length; e++) {
                double want = returns.get(e).asDouble();
                worst = Math.max(worst, Math.abs(rep.returns()[e] - want) / Math.abs(want));
            }
            System.out.printf(java.util.Locale.ROOT, "onnx pendulum returns: valuekit %s, onnx %s, max relative difference %.2e%n",
                    returns, java.util.Arrays.toString(rep.returns()), worst);
            assertTrue(worst <= 1e-5, "episode returns differ by " + worst);
        }
    }

    @Test
    void everyTestdataModelExportsWithMetadataAndADynamicBatch() throws Exception {
        Map<String, List<String>> files = new LinkedHashMap<>();
        files.put("q-pendulum", List.of("obs", "act"));
        files.put("value-pendulum", List.of("obs"));
        files.put("dyn-tiny", List.of("obs", "act"));
        for (var f : files.entrySet()) {
            Path model = BAD.resolve(f.getKey() + ".safetensors");
            Path out = tmp.resolve(f.getKey() + ".onnx");
            Cli.Result r = Cli.run("export", "--model", model.toString(), "--format", "onnx", "--output", out.toString());
            assertEquals(0, r.code(), r.toString());
            byte[] bytes = Files.readAllBytes(out);
            Onnx.ModelProto m = Onnx.ModelProto.parseFrom(bytes);
            assertTrue(m.getOpsetImport(0).getVersion() >= 17);
            assertEquals("batch", m.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam());
            Map<String, String> meta = new LinkedHashMap<>();
            m.getMetadataPropsList().forEach(p -> meta.put(p.getKey(), p.getValue()));
            Artifact a = Artifacts.read(model);
            assertEquals(a.kind(), meta.get("valuekit.kind"));
            assertEquals(a.spec(), JSON.readTree(meta.get("valuekit.spec")));
            assertTrue(meta.get("valuekit.provenance").contains(model.toString()) && meta.get("valuekit.provenance").contains("sha256"));
            JsonNode sig = JSON.readTree(meta.get("valuekit.signature"));
            assertEquals(f.getValue().get(0), sig.get("inputs").get(0).get("name").asText());
            assertEquals(a.spec().get("obs_columns"), sig.get("inputs").get(0).get("columns"));

            try (OrtRunner ort = new OrtRunner(bytes)) {
                assertEquals(meta, ort.session().getMetadata().getCustomMetadata(), "ONNX Runtime reads the same metadata");
                for (int rows : new int[] {1, 7}) {
                    for (String in : f.getValue()) ort.floats(in, new double[rows * (in.equals("obs") ? 3 : 1)], rows, in.equals("obs") ? 3 : 1);
                    Map<String, double[]> res = ort.run();
                    assertEquals(rows, res.values().iterator().next().length / (f.getKey().equals("dyn-tiny") ? 3 : 1));
                }
            }
        }
    }

    @Test
    void sameFileGivesSameBytesAndStdoutWorks() throws Exception {
        String model = BAD.resolve("cltv-ziln-small.safetensors").toString();
        Path a = tmp.resolve("a.onnx"), b = tmp.resolve("b.onnx");
        assertEquals(0, Cli.run("export", "-m", model, "--format", "onnx", "-o", a.toString()).code());
        assertEquals(0, Cli.run("export", "-m", model, "--format", "onnx", "-o", b.toString()).code());
        Onnx.ModelProto ma = Onnx.ModelProto.parseFrom(Files.readAllBytes(a)), mb = Onnx.ModelProto.parseFrom(Files.readAllBytes(b));
        assertEquals(ma.getGraph(), mb.getGraph(), "the graph is a function of the model file");
        Cli.Result r = Cli.run("export", "-m", model, "--format", "onnx", "-o", "-");
        assertEquals(0, r.code(), r.toString());
        assertEquals(ma.getGraph(), Onnx.ModelProto.parseFrom(r.stdoutBytes()).getGraph());
        assertEquals(List.of("frequency", "total_spend", "channel"), ma.getGraph().getInputList().stream().map(Onnx.ValueInfoProto::getName).toList());
        try (OrtRunner ort = new OrtRunner(Files.readAllBytes(a))) {
            OrtSession s = ort.session();
            assertEquals(List.of("p_purchase", "predicted_ltv"), List.copyOf(s.getOutputNames()));
        }
    }

    @Test
    void bgnbdModelHasNoOnnxFormAndNothingIsWritten() throws Exception {
        ObjectNode spec = JSON.createObjectNode().put("model", "bgnbd");
        LinkedHashMap<String, Tensor> t = new LinkedHashMap<>();
        t.put("bgnbd.params", new Tensor("bgnbd.params", DType.F64, new long[] {4}, new double[] {1, 2, 3, 4}));
        Path model = tmp.resolve("bgnbd.safetensors");
        try (AtomicOutput out = AtomicOutput.open(model.toString(), null)) {
            Artifacts.write(out, new Artifact("cltv", spec, null, t));
            out.commit();
        }
        Path out = tmp.resolve("out.onnx");
        Cli.Result r = Cli.run("export", "-m", model.toString(), "--format", "onnx", "-o", out.toString());
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
        assertTrue(r.stderr().contains("a bgnbd cltv model has no ONNX form"), r.stderr());
        assertFalse(Files.exists(out));
        try (var left = Files.list(tmp)) {
            assertArrayEquals(new Object[] {model}, left.toArray(), "no temporary file is left");
        }
    }

    @Test
    void helpListsPartsAndExamples() {
        Cli.Result r = Cli.run("export", "--help");
        assertEquals(0, r.code());
        for (String s : new String[] {"actor", "critic", "value", "dynamics", "cltv", "metadata_props", "Examples:", "onnxruntime"}) {
            assertTrue(r.stdout().contains(s), s + " in:\n" + r.stdout());
        }
        assertTrue(Cli.run("--help").stdout().contains("export"));
    }
}
