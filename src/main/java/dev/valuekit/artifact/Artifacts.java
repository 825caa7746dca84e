package dev.valuekit.artifact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * valuekit model files: safetensors whose {@code __metadata__} holds {@code valuekit.format} (= 1),
 * {@code valuekit.kind}, {@code valuekit.spec} and {@code valuekit.provenance} (both JSON objects
 * as strings). A safetensors file without {@code valuekit.format} (a PyTorch state dict, ...) reads
 * as an artifact with null kind, spec and provenance, so commands that take plain weights can use it.
 */
public final class Artifacts {
    public static final String FORMAT = "1";
    public static final String KEY_FORMAT = "valuekit.format";
    public static final String KEY_KIND = "valuekit.kind";
    public static final String KEY_SPEC = "valuekit.spec";
    public static final String KEY_PROVENANCE = "valuekit.provenance";
    /** The kinds valuekit writes. */
    public static final List<String> KINDS = List.of("dynamics", "value", "q", "agent", "cltv", "adapter");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Artifacts() {}

    /**
     * Writes {@code a} to {@code out}; the caller commits. Spec and provenance are stored as compact
     * JSON in their own key order, so the same artifact gives the same bytes (see SafetensorsWriter).
     */
    public static void write(AtomicOutput out, Artifact a) throws IOException {
        OutputStream s = new BufferedOutputStream(out.stream(), 1 << 16);
        SafetensorsWriter.write(s, metadata(a), checkedTensors(a));
        s.flush();
    }

    /** The {@code __metadata__} strings for an artifact. */
    static Map<String, String> metadata(Artifact a) throws JsonProcessingException {
        if (!KINDS.contains(a.kind())) throw new IllegalArgumentException("artifact kind must be one of " + KINDS + ", not " + a.kind());
        Map<String, String> m = new LinkedHashMap<>();
        m.put(KEY_FORMAT, FORMAT);
        m.put(KEY_KIND, a.kind());
        if (a.spec() != null) m.put(KEY_SPEC, JSON.writeValueAsString(a.spec()));
        if (a.provenance() != null) m.put(KEY_PROVENANCE, JSON.writeValueAsString(a.provenance()));
        return m;
    }

    private static java.util.Collection<Tensor> checkedTensors(Artifact a) {
        a.tensors().forEach((k, t) -> {
            if (!k.equals(t.name())) throw new IllegalArgumentException("tensor map key '" + k + "' holds tensor '" + t.name() + "'");
        });
        return a.tensors().values();
    }

    /** Reads a model file of any kind, or any safetensors file (kind null), to use it: NaN or infinite weights are refused. */
    public static Artifact read(Path p) {
        Artifact a = readStored(p);
        FiniteWeights.require(a, p.toString());
        return a;
    }

    /** A model file exactly as stored, NaN and infinite values included (inspection, format tests); use {@link #read} to use a model. */
    public static Artifact readStored(Path p) {
        return fromFile(SafetensorsReader.read(p), p.toString());
    }

    /** Reads a model file that must be of {@code expectedKind}. */
    public static Artifact read(Path p, String expectedKind) {
        Artifact a = readStored(p);
        if (!expectedKind.equals(a.kind())) {
            String what = a.kind() == null
                    ? "model file has no valuekit metadata (valuekit did not write it); this command needs a " + expectedKind + " model"
                    : "model file is a " + a.kind() + " model; this command needs a " + expectedKind + " model";
            throw BadInputException.inFile(what, p.toString(), "pass a " + expectedKind + " model" + madeBy(expectedKind)
                    + "; 'valuekit inspect FILE' shows a file's kind");
        }
        FiniteWeights.require(a, p.toString());
        return a;
    }

    private static String madeBy(String kind) {
        return switch (kind) {
            case "dynamics" -> " (made by 'valuekit train-model')";
            case "value", "q", "agent" -> " (made by 'valuekit fit-value')";
            case "cltv" -> " (made by 'valuekit predict-cltv fit')";
            case "adapter" -> " (made by 'valuekit svd-adapt fit')";
            default -> "";
        };
    }

    /** Interprets a safetensors file's metadata as a valuekit artifact. */
    public static Artifact fromFile(SafetensorsFile f, String source) {
        Map<String, String> m = f.metadata();
        String format = m.get(KEY_FORMAT);
        if (format == null) return new Artifact(null, null, null, f.tensors());
        if (!FORMAT.equals(format)) {
            throw BadInputException.inFile("model file uses valuekit format " + format + "; this valuekit reads format " + FORMAT,
                    source, "use the valuekit version that wrote it, or re-create the model with this one");
        }
        String kind = m.get(KEY_KIND);
        if (kind == null || kind.isBlank()) {
            throw BadInputException.inFile("model file has valuekit.format but no valuekit.kind", source,
                    "the file is damaged; re-create it with valuekit");
        }
        return new Artifact(kind, object(m, KEY_SPEC, source), object(m, KEY_PROVENANCE, source), f.tensors());
    }

    private static ObjectNode object(Map<String, String> m, String key, String source) {
        String text = m.get(key);
        if (text == null) return null;
        try {
            JsonNode n = JSON.readTree(text);
            if (n instanceof ObjectNode o) return o;
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw BadInputException.inFile("metadata " + key + " is not a JSON object", source,
                "the file is damaged; re-create it with valuekit");
    }
}
