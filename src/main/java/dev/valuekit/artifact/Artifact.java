package dev.valuekit.artifact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.common.BadInputException;

import java.util.LinkedHashMap;
import java.util.Objects;

/**
 * A model file's content: its kind ({@code dynamics | value | q | agent | cltv | adapter}), the spec
 * needed to use it, where it came from, and its tensors by name. A safetensors file that valuekit
 * did not write (no {@code valuekit.format} metadata) reads with kind, spec and provenance null.
 */
public record Artifact(String kind, ObjectNode spec, ObjectNode provenance, LinkedHashMap<String, Tensor> tensors) {
    public Artifact {
        Objects.requireNonNull(tensors, "tensors");
    }

    /** The named tensor; a BadInputException naming {@code source} (the file) when it is missing. */
    public Tensor tensor(String name, String source) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw BadInputException.inFile((kind == null ? "model" : kind + " model") + " has no tensor '" + name + "'",
                    source, "the file is incomplete or from an incompatible valuekit version; "
                            + "'valuekit inspect FILE' lists its tensors");
        }
        return t;
    }
}
