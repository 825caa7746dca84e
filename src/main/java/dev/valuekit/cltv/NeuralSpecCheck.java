package dev.valuekit.cltv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.SpecCheck;
import dev.valuekit.tensor.Activation;

/**
 * Validates a neural CLTV model's spec (ZILN, OptDist) against itself and its tensors before
 * {@link NeuralArtifacts} builds the network, naming the field that is wrong.
 */
final class NeuralSpecCheck {
    private static final int MAX_COUNT = 1 << 20;

    private NeuralSpecCheck() {}

    static void check(Artifact a, String source) {
        SpecCheck c = new SpecCheck(a, source);
        NeuralModelType type = c.parsed("model", s -> java.util.Objects.requireNonNull(NeuralModelType.of(s)));
        String[] numeric = c.names("numeric", 0);
        c.numbers("normalizer.mean", numeric.length);
        c.positives("normalizer.std", numeric.length);
        int dim = c.has("embedding_dim") ? c.integer("embedding_dim", 1, MAX_COUNT) : 5;
        int subs = c.has("sub_networks") ? c.integer("sub_networks", 1, MAX_COUNT) : 1;
        int[] hidden = c.integers("hidden", -1, 1, MAX_COUNT);
        c.parsed("activation", Activation::parse);
        JsonNode cats = c.node("categorical");
        if (!cats.isArray()) throw c.bad("categorical", "is not an array");
        for (int j = 0; j < cats.size(); j++) {
            JsonNode name = cats.get(j).path("name"), vocab = cats.get(j).path("vocabulary");
            if (!name.isTextual() || name.textValue().isEmpty()) throw c.bad("categorical[" + j + "].name", "is not a non-empty string");
            if (!vocab.isArray()) throw c.bad("categorical[" + j + "].vocabulary", "is not an array");
            c.shape(CltvNetwork.EMBEDDING + name.textValue(), vocab.size() + 1, dim);
        }
        int width = numeric.length + cats.size() * dim;
        c.mlp(CltvNetwork.SUB, subs, width, hidden, 3);
        if (type == NeuralModelType.OPTDIST) c.mlp(CltvNetwork.SELECTOR, 1, width, hidden, subs);
    }
}
