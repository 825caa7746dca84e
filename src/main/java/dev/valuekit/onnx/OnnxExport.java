package dev.valuekit.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.artifact.Provenance;
import dev.valuekit.cltv.CltvArtifacts;
import dev.valuekit.cltv.NeuralArtifacts;
import dev.valuekit.cltv.NeuralModelType;
import dev.valuekit.common.BadInputException;
import dev.valuekit.common.BuildInfo;
import dev.valuekit.dynamics.DynamicsArtifacts;
import dev.valuekit.value.FittedValue;
import dev.valuekit.value.ValueArtifacts;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Exports one part of a valuekit model file as an ONNX graph (opset {@value OnnxGraph#OPSET}, float32, a
 * symbolic batch dimension) that computes what valuekit computes for the same rows: normalisers are inside
 * the graph, inputs and outputs are named after the table columns ({@link Port}). The model's
 * {@code metadata_props} carry {@code valuekit.kind}, {@code valuekit.part}, {@code valuekit.signature}
 * (the ports as JSON), the source's {@code valuekit.spec} and {@code valuekit.source_provenance}, and the
 * export's own {@code valuekit.provenance}.
 */
public final class OnnxExport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OnnxExport() {}

    /**
     * @param model       the valuekit model file
     * @param part        which function to export; null for the kind's default (the first of {@link #parts})
     * @param commandLine recorded in the export's provenance
     */
    public record Options(Path model, ExportPart part, String commandLine) {
        public Options {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(commandLine, "commandLine");
        }
    }

    /** The serialised ONNX model and what it computes. */
    public record Result(byte[] onnx, String kind, ExportPart part, List<Port> inputs, List<Port> outputs) {}

    public static Result export(Options o) {
        String src = o.model().toString();
        Artifact a = Artifacts.read(o.model());
        List<ExportPart> parts = parts(a, src);
        ExportPart part = o.part() == null ? parts.get(0) : o.part();
        if (!parts.contains(part)) {
            throw BadInputException.inFile("a " + a.kind() + " model has no " + part.label() + " part", src,
                    "use --part " + parts.stream().map(ExportPart::label).collect(Collectors.joining(" or "))
                            + " (or leave --part out for " + parts.get(0).label() + ")");
        }
        OnnxGraph g = switch (part) {
            case ACTOR -> ValueGraphs.actor(values(o.model()));
            case CRITIC -> ValueGraphs.critic(values(o.model()));
            case VALUE -> ValueGraphs.value(values(o.model()));
            case DYNAMICS -> {
                DynamicsArtifacts.Loaded d = DynamicsArtifacts.load(o.model());
                yield DynamicsGraph.build(d.spec(), d.network());
            }
            case CLTV -> {
                NeuralArtifacts.Loaded c = NeuralArtifacts.fromArtifact(a, src);
                yield CltvGraph.build(c.network(), NeuralModelType.of(CltvArtifacts.type(a, src)), c.bounds());
            }
        };
        checkNames(g, src);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("valuekit.kind", a.kind());
        meta.put("valuekit.part", part.label());
        meta.put("valuekit.signature", json(signature(g)));
        meta.put("valuekit.spec", json(a.spec()));
        if (a.provenance() != null) meta.put("valuekit.source_provenance", json(a.provenance()));
        meta.put("valuekit.provenance", json(Provenance.start(o.commandLine()).input(o.model()).toJson()));
        String doc = "valuekit " + part.label() + " of " + o.model().getFileName() + " (" + a.kind() + " model): inputs "
                + g.inputs().stream().map(Port::describe).collect(Collectors.joining(", ")) + "; outputs "
                + g.outputs().stream().map(Port::describe).collect(Collectors.joining(", "));
        return new Result(g.model(doc, BuildInfo.version(), meta), a.kind(), part, g.inputs(), g.outputs());
    }

    /** The parts a model file can be exported as, its default first; bad input when it has no ONNX form. */
    public static List<ExportPart> parts(Artifact a, String source) {
        String kind = a.kind() == null ? "" : a.kind();
        return switch (kind) {
            case ValueArtifacts.AGENT -> List.of(ExportPart.ACTOR, ExportPart.CRITIC, ExportPart.VALUE);
            case ValueArtifacts.Q -> List.of(ExportPart.CRITIC);
            case ValueArtifacts.VALUE -> List.of(ExportPart.VALUE);
            case DynamicsArtifacts.KIND -> List.of(ExportPart.DYNAMICS);
            case CltvArtifacts.KIND -> {
                String type = CltvArtifacts.type(a, source);
                if (NeuralModelType.of(type) == null) {
                    throw BadInputException.inFile("a " + type + " cltv model has no ONNX form (it is a closed-form probabilistic model, not a network)",
                            source, "export a neural model made by 'predict-cltv fit --method ziln' or '--method optdist'");
                }
                yield List.of(ExportPart.CLTV);
            }
            case "" -> throw BadInputException.inFile("file has no valuekit metadata, so there is no model to export", source,
                    "export a model file written by valuekit; 'valuekit inspect FILE' shows a file's kind");
            case "adapter" -> throw BadInputException.inFile("an adapter model has no ONNX form of its own", source,
                    "merge it into its base with 'valuekit svd-adapt merge' and export the merged model");
            default -> throw BadInputException.inFile("a " + kind + " model has no ONNX form", source,
                    "export an agent, q, value, dynamics or neural cltv model");
        };
    }

    private static FittedValue values(Path p) {
        FittedValue v = ValueArtifacts.load(p, ValueArtifacts.VALUE, ValueArtifacts.Q, ValueArtifacts.AGENT);
        if (v.actions() > 0) {
            throw BadInputException.inFile("a discrete-action agent (dqn, cql) has no ONNX form", p.toString(),
                    "export a continuous-action agent, q or value model");
        }
        return v;
    }

    /** Feature columns become input names: one named like an output would make the graph invalid. */
    private static void checkNames(OnnxGraph g, String source) {
        for (Port in : g.inputs()) {
            for (Port out : g.outputs()) {
                if (in.name().equals(out.name())) {
                    throw BadInputException.inFile("the model's input column '" + in.name() + "' has the name of an ONNX output",
                            source, "rename the column and refit the model");
                }
            }
        }
    }

    private static ObjectNode signature(OnnxGraph g) {
        ObjectNode s = JSON.createObjectNode();
        ArrayNode in = s.putArray("inputs"), out = s.putArray("outputs");
        g.inputs().forEach(p -> p.toJson(in.addObject()));
        g.outputs().forEach(p -> p.toJson(out.addObject()));
        return s;
    }

    private static String json(ObjectNode o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
