package dev.valuekit.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.SpecCheck;

/**
 * Validates an adapter's spec (method, rank, alpha, each layer's name and shape, the Kronecker shape)
 * against itself and its factor tensors before {@link AdapterArtifact} rebuilds anything from it.
 */
final class AdapterSpecCheck {
    private static final int MAX_DIM = 1 << 24;

    private AdapterSpecCheck() {}

    static void check(Artifact a, String source) {
        SpecCheck c = new SpecCheck(a, source);
        AdapterMethod method = c.parsed("method", AdapterMethod::parse);
        int rank = c.integer("rank", 1, MAX_DIM);
        c.number("alpha", -Double.MAX_VALUE, Double.MAX_VALUE);
        JsonNode layers = c.node("layers");
        if (!layers.isArray()) throw c.bad("layers", "is not an array");
        for (int i = 0; i < layers.size(); i++) {
            String at = "layers[" + i + "]";
            JsonNode l = layers.get(i);
            if (!l.path("name").isTextual()) throw c.bad(at + ".name", "is not a string");
            JsonNode shape = l.path("shape");
            if (!shape.isArray() || shape.size() != 2 || !positiveInt(shape.get(0)) || !positiveInt(shape.get(1))) {
                throw c.bad(at + ".shape", "= " + shape + " is not [rows, columns] of positive integers");
            }
            long out = shape.get(0).longValue(), in = shape.get(1).longValue();
            String p = "adapter." + l.path("name").textValue() + ".";
            if (method == AdapterMethod.SOKA) {
                KroneckerShape k;
                try {
                    k = KroneckerShape.parse(l.path("kron").asText(), (int) out, (int) in);
                } catch (RuntimeException e) {
                    throw c.bad(at + ".kron", "= " + l.path("kron") + " is not a Kronecker shape of a " + out + "x" + in + " matrix");
                }
                for (String f : new String[] {"kron_A", "kron_A0"}) c.shape(p + f, rank, k.m1(), k.n1());
                for (String f : new String[] {"kron_B", "kron_B0"}) c.shape(p + f, rank, k.m2(), k.n2());
            } else {
                c.shape(p + "lora_A", rank, in);
                c.shape(p + "lora_B", out, rank);
                if (method.changesBase()) {
                    c.shape(p + "lora_A0", rank, in);
                    c.shape(p + "lora_B0", out, rank);
                }
            }
        }
    }

    private static boolean positiveInt(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToInt() && n.intValue() >= 1 && n.intValue() <= MAX_DIM;
    }
}
