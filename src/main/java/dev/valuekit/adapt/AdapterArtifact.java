package dev.valuekit.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.DType;
import dev.valuekit.artifact.Tensor;
import dev.valuekit.common.BadInputException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code adapter} model file. Per adapted layer L (a 2-D weight W [out, in] of the base model)
 * it holds the trained factors and the factors as initialised, so that the frozen residual can be
 * rebuilt from the base (W_res = W − init delta) and a base-changing adapter can later be
 * converted to a plain LoRA ({@link PissaConversion}):
 * <ul>
 *   <li>low-rank: {@code adapter.L.lora_A} [r, in], {@code adapter.L.lora_B} [out, r], and
 *       {@code adapter.L.lora_A0} / {@code lora_B0} (initial values; absent for LoRA, whose init leaves W unchanged);</li>
 *   <li>SoKA: {@code adapter.L.kron_A} [r, m1, n1], {@code adapter.L.kron_B} [r, m2, n2], and {@code kron_A0} / {@code kron_B0}.</li>
 * </ul>
 * The spec records method, rank, alpha, SVD mode and each layer's name, shape and Kronecker shape; a
 * layer that is member m of a valuekit ensemble weight T is named {@code T[m]} and also records
 * {@code tensor} and {@code member} ({@link MatrixRef}). Adapters from {@code svd-adapt fit} add
 * {@code base} (path, kind, SHA-256 of the base model file) and the training settings.
 */
public final class AdapterArtifact {
    public static final String KIND = "adapter";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AdapterArtifact() {}

    /** One adapted layer: the adapter as initialised and after training (same method, rank and shape). */
    public record Entry(String layer, LayerAdapter initial, LayerAdapter tuned) {
        public Entry {
            if (initial.method() != tuned.method() || initial.rank() != tuned.rank()) {
                throw new IllegalArgumentException(layer + ": initial and tuned adapters differ in method or rank");
            }
        }
    }

    public static Artifact toArtifact(List<Entry> entries, AdapterOptions o, ObjectNode provenance, DType dtype) {
        return toArtifact(entries, o, provenance, dtype, null);
    }

    /** @param extra fields added to the spec (e.g. {@code base}, {@code training}); null for none */
    public static Artifact toArtifact(List<Entry> entries, AdapterOptions o, ObjectNode provenance, DType dtype, ObjectNode extra) {
        ObjectNode spec = JSON.createObjectNode();
        spec.put("method", o.method().id());
        spec.put("rank", o.rank());
        spec.put("alpha", o.alpha());
        spec.put("svd", o.svd().name().toLowerCase(java.util.Locale.ROOT));
        ArrayNode layers = spec.putArray("layers");
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry e : entries) {
            ObjectNode l = layers.addObject();
            l.put("name", e.layer());
            MatrixRef ref = MatrixRef.parse(e.layer());
            if (ref.isMember()) {
                l.put("tensor", ref.tensor());
                l.put("member", ref.member());
            }
            l.putArray("shape").add(e.initial().residual().size(0)).add(e.initial().residual().size(1));
            String p = "adapter." + e.layer() + ".";
            if (e.tuned() instanceof LowRankAdapter t && e.initial() instanceof LowRankAdapter i) {
                put(tensors, p + "lora_A", t.a(), dtype);
                put(tensors, p + "lora_B", t.b(), dtype);
                if (i.method().changesBase()) {
                    put(tensors, p + "lora_A0", i.a(), dtype);
                    put(tensors, p + "lora_B0", i.b(), dtype);
                }
            } else if (e.tuned() instanceof KroneckerAdapter t && e.initial() instanceof KroneckerAdapter i) {
                l.put("kron", t.shape().describe());
                put(tensors, p + "kron_A", t.a(), dtype);
                put(tensors, p + "kron_B", t.b(), dtype);
                put(tensors, p + "kron_A0", i.a(), dtype);
                put(tensors, p + "kron_B0", i.b(), dtype);
            }
        }
        if (extra != null) spec.setAll(extra);
        return new Artifact(KIND, spec, provenance, tensors);
    }

    /** The adapter settings recorded in the spec (SVD details that only initialisation needs are defaults). */
    public static AdapterOptions options(Artifact a) {
        ObjectNode spec = a.spec();
        AdapterOptions o = AdapterOptions.of(AdapterMethod.parse(spec.path("method").asText()), spec.path("rank").asInt(), 0)
                .withAlpha(spec.path("alpha").asDouble());
        return o.withSvd("randomized".equals(spec.path("svd").asText()) ? SvdMode.RANDOMIZED : SvdMode.FULL);
    }

    /**
     * The entries with zero base weights of the recorded shapes: the factors are exact, residuals are
     * not (for exports, which need only the factors).
     */
    public static List<Entry> factorsOnly(Artifact a, String source) {
        AdapterSpecCheck.check(a, source);
        Map<String, INDArray> zeros = new LinkedHashMap<>();
        for (JsonNode l : a.spec().path("layers")) {
            zeros.put(l.path("name").asText(), Nd4j.zeros(DataType.DOUBLE, l.path("shape").path(0).asLong(), l.path("shape").path(1).asLong()));
        }
        return fromArtifact(a, zeros, source);
    }

    /**
     * Rebuilds the entries against the base weights ({@code base} maps each layer name to W [out, in]);
     * a missing base layer or a shape that differs from the one recorded is a BadInputException.
     */
    public static List<Entry> fromArtifact(Artifact a, Map<String, INDArray> base, String source) {
        AdapterSpecCheck.check(a, source);
        ObjectNode spec = a.spec();
        AdapterMethod method = AdapterMethod.parse(spec.path("method").asText());
        int rank = spec.path("rank").asInt();
        double alpha = spec.path("alpha").asDouble();
        List<Entry> out = new ArrayList<>();
        for (JsonNode l : spec.path("layers")) {
            String name = l.path("name").asText();
            INDArray w = base.get(name);
            if (w == null) {
                throw BadInputException.inFile("base model has no layer '" + name + "' that the adapter adapts", source,
                        "pass the base model the adapter was trained on");
            }
            long out0 = l.path("shape").path(0).asLong(), in0 = l.path("shape").path(1).asLong();
            if (w.rank() != 2 || w.size(0) != out0 || w.size(1) != in0) {
                throw BadInputException.inFile("layer '" + name + "' has shape " + java.util.Arrays.toString(w.shape())
                        + " in the base but [" + out0 + ", " + in0 + "] in the adapter", source, "pass the base model the adapter was trained on");
            }
            INDArray wd = Lapack.fresh(w);
            String p = "adapter." + name + ".";
            if (method == AdapterMethod.SOKA) {
                KroneckerShape sh = KroneckerShape.parse(l.path("kron").asText(), (int) out0, (int) in0);
                KroneckerAdapter init0 = new KroneckerAdapter(rank, sh, array(a, p + "kron_A0", source), array(a, p + "kron_B0", source), wd, 0);
                INDArray residual = wd.sub(init0.delta());
                KroneckerAdapter init = new KroneckerAdapter(rank, sh, init0.a(), init0.b(), residual, 0);
                out.add(new Entry(name, init, new KroneckerAdapter(rank, sh, array(a, p + "kron_A", source), array(a, p + "kron_B", source), residual, 0)));
            } else {
                INDArray ta = array(a, p + "lora_A", source), tb = array(a, p + "lora_B", source);
                LowRankAdapter init;
                if (method.changesBase()) {
                    LowRankAdapter init0 = new LowRankAdapter(method, rank, alpha, array(a, p + "lora_A0", source), array(a, p + "lora_B0", source), wd, 0);
                    init = new LowRankAdapter(method, rank, alpha, init0.a(), init0.b(), wd.sub(init0.delta()), 0);
                } else {
                    // LoRA's initial A is not stored: with B = 0 its initial update is zero whatever A was
                    init = new LowRankAdapter(method, rank, alpha, ta, Nd4j.zeros(DataType.DOUBLE, out0, rank), wd, 0);
                }
                out.add(new Entry(name, init, init.withFactors(ta, tb)));
            }
        }
        return out;
    }

    private static void put(Map<String, Tensor> t, String name, INDArray a, DType dtype) {
        double[] d = Lapack.fresh(a).data().asDouble();
        if (dtype == DType.F32) for (int i = 0; i < d.length; i++) d[i] = (float) d[i];
        t.put(name, new Tensor(name, dtype, a.shape(), d));
    }

    private static INDArray array(Artifact a, String name, String source) {
        Tensor t = a.tensor(name, source);
        return Nd4j.create(t.data(), t.shape(), DataType.DOUBLE);
    }
}
