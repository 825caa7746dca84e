package dev.valuekit.artifact;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.adapt.AdapterArtifact;
import dev.valuekit.cltv.NeuralArtifacts;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import dev.valuekit.dynamics.DynamicsArtifacts;
import dev.valuekit.value.ValueArtifacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16, item 2: a damaged spec, of every artifact kind, is bad input naming the field when the
 * model is loaded; never an index error, a huge allocation, or a silently wrong model.
 */
class SpecValidationTest {
    static final Path BAD = Path.of("testdata/bad");

    @TempDir
    Path dir;

    @Test
    void dynamics() throws Exception {
        Function<Path, Object> load = DynamicsArtifacts::load;
        rejects("dyn-tiny.safetensors", s -> ((ArrayNode) s.get("elites")).removeAll().add(5), load, "'elites[0]' = 5");
        rejects("dyn-tiny.safetensors", s -> ((ArrayNode) s.get("elites")).removeAll(), load, "'elites' is empty");
        rejects("dyn-tiny.safetensors", s -> ((ObjectNode) s.get("architecture")).put("members", "two"), load, "'architecture.members'");
        rejects("dyn-tiny.safetensors", s -> ((ObjectNode) s.get("architecture")).put("hidden", 1 << 19), load,
                "tensor 'dynamics.layer.0.weight' has shape [2, 4, 4]");
        rejects("dyn-tiny.safetensors", s -> ((ObjectNode) s.get("architecture")).put("activation", "gelu"), load, "'architecture.activation'");
        rejects("dyn-tiny.safetensors", s -> ((ArrayNode) s.get("input_normalizer").get("std")).set(1, 0.0), load, "'input_normalizer.std[1]'");
        rejects("dyn-tiny.safetensors", s -> ((ArrayNode) s.get("act_columns")).add("act_0"), load, "'act_columns[1]' repeats");
        rejects("dyn-tiny.safetensors", s -> s.put("termination", "env:nosuch"), load, "'termination'");
        rejects("dyn-tiny.safetensors", s -> ((ArrayNode) s.get("action_space").get("low")).set(0, 5.0), load, "'action_space.low[0]'");
    }

    @Test
    void valueAndQ() throws Exception {
        Function<Path, Object> loadV = p -> ValueArtifacts.load(p, ValueArtifacts.VALUE);
        Function<Path, Object> loadQ = p -> ValueArtifacts.load(p, ValueArtifacts.Q);
        rejects("value-pendulum.safetensors", s -> s.put("gamma", 2.0), loadV, "'gamma' = 2.0");
        rejects("value-pendulum.safetensors", s -> ((ObjectNode) s.get("critics")).put("members", 0), loadV, "'critics.members' = 0");
        rejects("value-pendulum.safetensors", s -> ((ArrayNode) s.get("critics").get("hidden")).set(0, 100_000), loadV,
                "tensor 'value.layer.0.weight' has shape [1, 3, 4]");
        rejects("value-pendulum.safetensors", s -> s.put("critic_target", "max"), loadV, "'critic_target'");
        rejects("q-pendulum.safetensors", s -> ((ArrayNode) s.get("act_columns")).removeAll(), loadQ, "'act_columns' has 0 names");
        rejects("q-pendulum.safetensors", s -> ((ObjectNode) s.get("critics")).remove("normalizer"), loadQ, "'critics.normalizer.mean' is missing");
    }

    @Test
    void neuralCltv() throws Exception {
        Function<Artifact, Object> load = a -> NeuralArtifacts.fromArtifact(a, "m.safetensors");
        rejectsArtifact("cltv-ziln-small.safetensors", s -> s.put("embedding_dim", 0), load, "'embedding_dim' = 0");
        rejectsArtifact("cltv-ziln-small.safetensors", s -> ((ArrayNode) s.get("hidden")).set(0, 1_000_000_000), load, "'hidden[0]'");
        rejectsArtifact("cltv-ziln-small.safetensors", s -> s.put("sub_networks", 3), load, "tensor 'sub.layer.0.weight' has shape [1, 4, 2]");
        rejectsArtifact("cltv-ziln-small.safetensors", s -> ((ObjectNode) s.get("categorical").get(0)).putArray("vocabulary").add("app"), load,
                "tensor 'embedding.channel' has shape [4, 2]");
    }

    @Test
    void adapter() throws Exception {
        Function<Artifact, Object> load = a -> AdapterArtifact.factorsOnly(a, "a.safetensors");
        String f = "dyn-tiny-soka.adapter.safetensors";
        rejectsArtifact(f, s -> s.put("rank", 0), load, "'rank' = 0");
        rejectsArtifact(f, s -> s.put("method", "dora"), load, "'method'");
        rejectsArtifact(f, s -> ((ObjectNode) s.get("layers").get(1)).put("kron", "3x3"), load, "'layers[1].kron'");
        rejectsArtifact(f, s -> ((ObjectNode) s.get("layers").get(0)).putArray("shape").add(2_000_000_000).add(4), load, "'layers[0].shape'");
        rejectsArtifact(f, s -> s.put("rank", 2), load, "tensor 'adapter.dynamics.layer.0.weight[0].kron_A' has shape [1, 2, 2]");
    }

    private void rejects(String fixture, Consumer<ObjectNode> edit, Function<Path, Object> load, String fragment) throws Exception {
        Artifact a = edited(fixture, edit);
        Path file = dir.resolve("edited-" + System.nanoTime() + ".safetensors");
        try (AtomicOutput o = AtomicOutput.open(file.toString(), null)) {
            Artifacts.write(o, a);
            o.commit();
        }
        check(() -> load.apply(file), fragment);
    }

    private void rejectsArtifact(String fixture, Consumer<ObjectNode> edit, Function<Artifact, Object> load, String fragment) {
        Artifact a = edited(fixture, edit);
        check(() -> load.apply(a), fragment);
    }

    private static Artifact edited(String fixture, Consumer<ObjectNode> edit) {
        Artifact a = Artifacts.read(BAD.resolve(fixture));
        ObjectNode spec = a.spec().deepCopy();
        edit.accept(spec);
        return new Artifact(a.kind(), spec, a.provenance(), a.tensors());
    }

    private static void check(Executable load, String fragment) {
        BadInputException e = assertThrows(BadInputException.class, load, fragment);
        assertTrue(e.getMessage().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }
}
