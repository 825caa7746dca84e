package dev.valuekit.adapt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.common.BadInputException;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes an adapter into its base: every adapted matrix becomes W_res + ΔW_tuned
 * (= W + ΔW_tuned − ΔW_init), everything else, spec included, stays the base's, so the result is a
 * model of the base's kind that every command reading that kind loads.
 */
public final class AdapterMerge {
    private AdapterMerge() {}

    /** @param provenance the merged model's provenance (null: the base's) */
    public static Artifact merge(Artifact base, String baseSource, Artifact adapter, String adapterSource, ObjectNode provenance) {
        if (!AdapterArtifact.KIND.equals(adapter.kind())) {
            throw BadInputException.inFile("not an adapter (kind '" + adapter.kind() + "')", adapterSource,
                    "pass a file written by valuekit svd-adapt fit");
        }
        String kind = adapter.spec().path("base").path("kind").asText(null);
        if (kind != null && !kind.equals(base.kind())) {
            throw BadInputException.inFile("the adapter was trained on a '" + kind + "' model but this base is a '" + base.kind() + "' model",
                    baseSource, "pass the base model the adapter was trained on");
        }
        Map<String, INDArray> merged = new LinkedHashMap<>();
        for (AdapterArtifact.Entry e : AdapterArtifact.fromArtifact(adapter, ModelMatrices.weights(base), baseSource)) {
            merged.put(e.layer(), e.tuned().merged());
        }
        return ModelMatrices.withWeights(base, merged, provenance);
    }

    /** True when the adapter records a base file hash and it differs from {@code sha256}. */
    public static boolean baseDiffers(Artifact adapter, String sha256) {
        String recorded = adapter.spec().path("base").path("sha256").asText(null);
        return recorded != null && sha256 != null && !recorded.equals(sha256);
    }
}
