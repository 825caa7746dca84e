package dev.valuekit.adapt;

import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.DType;
import dev.valuekit.artifact.Tensor;
import dev.valuekit.common.BadInputException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The weight matrices of a model file as {@link MatrixRef}s: every 2-D tensor, and one matrix per
 * member of each valuekit ensemble weight ({@code *.weight} of shape [members, in, out]). Selection
 * by {@code --tensors} (tensor names, which take every member, or single member keys {@code T[m]})
 * and {@code --freeze} (blocks, by name prefix, that get no adapter).
 */
public final class ModelMatrices {
    private ModelMatrices() {}

    /** True for a valuekit ensemble weight [members, in, out]. */
    public static boolean isEnsembleWeight(Tensor t) {
        return t.shape().length == 3 && t.name().endsWith(".weight") && t.shape()[0] > 0 && t.shape()[1] > 0 && t.shape()[2] > 0;
    }

    private static boolean isMatrix(Tensor t) {
        return t.shape().length == 2 && t.shape()[0] > 0 && t.shape()[1] > 0;
    }

    /** Every matrix of the tensors, in file order. */
    public static List<MatrixRef> all(Map<String, Tensor> tensors) {
        List<MatrixRef> out = new ArrayList<>();
        for (Tensor t : tensors.values()) {
            if (isMatrix(t)) out.add(new MatrixRef(t.name(), -1));
            else if (isEnsembleWeight(t)) for (int m = 0; m < t.shape()[0]; m++) out.add(new MatrixRef(t.name(), m));
        }
        return out;
    }

    /**
     * The tensors with each ensemble weight replaced by its member matrices W = T[m]ᵀ [out, in], named
     * by key; other tensors unchanged. What {@code spectrum --model} analyses.
     */
    public static LinkedHashMap<String, Tensor> expand(Map<String, Tensor> tensors) {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        for (Tensor t : tensors.values()) {
            if (!isEnsembleWeight(t)) { out.put(t.name(), t); continue; }
            for (int m = 0; m < t.shape()[0]; m++) {
                MatrixRef r = new MatrixRef(t.name(), m);
                INDArray w = weight(t, m);
                out.put(r.key(), new Tensor(r.key(), DType.F64, w.shape(), w.data().asDouble()));
            }
        }
        return out;
    }

    /** Layer names as the user gave them, with each ensemble tensor name replaced by its member keys. */
    public static List<String> expandNames(List<String> names, Map<String, Tensor> tensors) {
        if (names == null) return null;
        List<String> out = new ArrayList<>();
        for (String n : names) {
            Tensor t = tensors.get(n);
            if (t != null && isEnsembleWeight(t)) {
                for (int m = 0; m < t.shape()[0]; m++) out.add(new MatrixRef(n, m).key());
            } else {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * The matrices to adapt: those named by {@code layers} (null or empty: every matrix that
     * {@code adaptable} accepts), minus those in a {@code freeze} block. Unknown names, tensors that
     * are not matrices, matrices the objective does not train and freeze entries that match nothing
     * are bad input.
     *
     * @param adaptable which tensor names the model's objective trains
     * @param what      names the adaptable layers in messages, e.g. "dynamics.layer.* weights"
     */
    public static List<MatrixRef> select(Artifact a, String source, List<String> layers, List<String> freeze,
                                         Predicate<String> adaptable, String what) {
        Map<String, Tensor> tensors = a.tensors();
        List<MatrixRef> candidates = all(tensors).stream().filter(r -> adaptable.test(r.tensor())).toList();
        String names = candidates.stream().map(MatrixRef::tensor).distinct().limit(20).collect(Collectors.joining(", "));
        List<MatrixRef> chosen = new ArrayList<>();
        if (layers == null || layers.isEmpty()) {
            chosen.addAll(candidates);
        } else {
            for (String name : layers) {
                MatrixRef ref = MatrixRef.parse(name);
                Tensor t = tensors.get(ref.tensor());
                if (t == null) t = tensors.get(name);
                if (t == null) {
                    throw BadInputException.inFile("layer '" + name + "' does not exist", source,
                            "name one of the adaptable " + what + ": " + (names.isEmpty() ? "(none)" : names));
                }
                if (!isMatrix(t) && !isEnsembleWeight(t)) {
                    throw BadInputException.inFile("tensor '" + name + "' has shape " + Arrays.toString(t.shape()).replace(" ", "")
                            + ", not a 2-D weight matrix", source, "name one of the adaptable " + what + ": " + names);
                }
                if (!adaptable.test(t.name())) {
                    throw BadInputException.inFile("layer '" + name + "' is not trained by this model's objective", source,
                            "name one of the adaptable " + what + ": " + names);
                }
                List<MatrixRef> refs = new ArrayList<>();
                if (isMatrix(t)) refs.add(new MatrixRef(t.name(), -1));
                else if (t.name().equals(name)) for (int m = 0; m < t.shape()[0]; m++) refs.add(new MatrixRef(t.name(), m));
                else if (ref.member() >= 0 && ref.member() < t.shape()[0]) refs.add(ref);
                else {
                    throw BadInputException.inFile("layer '" + name + "': member " + ref.member() + " does not exist (the ensemble has "
                            + t.shape()[0] + ")", source, "use a member index 0.." + (t.shape()[0] - 1) + " or the tensor name for all members");
                }
                for (MatrixRef r : refs) if (!chosen.contains(r)) chosen.add(r);
            }
        }
        if (freeze != null) {
            for (String f : freeze) {
                boolean hit = false;
                for (MatrixRef r : candidates) hit |= inBlock(r, f);
                if (!hit) {
                    throw BadInputException.inFile("--freeze '" + f + "' matches no adaptable layer", source,
                            "name a block prefix such as " + (candidates.isEmpty() ? "(none)" : blockOf(candidates.get(0))) + " (adaptable: " + names + ")");
                }
            }
            chosen.removeIf(r -> freeze.stream().anyMatch(f -> inBlock(r, f)));
        }
        if (chosen.isEmpty()) {
            throw BadInputException.inFile("no layer left to adapt", source, "adapt at least one of " + names + " (check --tensors and --freeze)");
        }
        return chosen;
    }

    /** A matrix is in block f when f is its tensor name, its key, or a dotted prefix of them. */
    static boolean inBlock(MatrixRef r, String f) {
        return r.key().equals(f) || r.tensor().equals(f) || r.tensor().startsWith(f + ".");
    }

    private static String blockOf(MatrixRef r) {
        return r.tensor().endsWith(".weight") ? r.tensor().substring(0, r.tensor().length() - 7) : r.tensor();
    }

    /** The matrix W [out, in] in f64: the tensor itself, or T[m]ᵀ for an ensemble member. */
    public static INDArray weight(Tensor t, int member) {
        if (member < 0) return Nd4j.create(t.data().clone(), t.shape(), DataType.DOUBLE);
        int in = (int) t.shape()[1], out = (int) t.shape()[2];
        double[] d = Arrays.copyOfRange(t.data(), member * in * out, (member + 1) * in * out);
        return Nd4j.create(d, new long[] {in, out}, DataType.DOUBLE).transpose().dup('c');
    }

    public static INDArray weight(Artifact a, MatrixRef r) {
        return weight(a.tensors().get(r.tensor()), r.member());
    }

    /** Base weights by key, as {@link AdapterArtifact#fromArtifact} wants them. */
    public static Map<String, INDArray> weights(Artifact a) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (MatrixRef r : all(a.tensors())) out.put(r.key(), weight(a, r));
        return out;
    }

    /**
     * A copy of the artifact with the given matrices (W [out, in], by key) written back into their
     * tensors (transposed for ensemble members), rounded to each tensor's dtype; spec and every other
     * tensor unchanged.
     */
    public static Artifact withWeights(Artifact a, Map<String, INDArray> weights, com.fasterxml.jackson.databind.node.ObjectNode provenance) {
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        for (Tensor t : a.tensors().values()) tensors.put(t.name(), t);
        for (Map.Entry<String, INDArray> e : weights.entrySet()) {
            MatrixRef r = MatrixRef.parse(e.getKey());
            Tensor t = tensors.get(r.tensor());
            if (t == null) throw new IllegalArgumentException("no tensor " + r.tensor());
            double[] data = t.data().clone();
            double[] w = Lapack.fresh(e.getValue()).data().asDouble();
            if (r.member() < 0) {
                System.arraycopy(w, 0, data, 0, w.length);
            } else {
                int in = (int) t.shape()[1], out = (int) t.shape()[2], base = r.member() * in * out;
                for (int o = 0; o < out; o++) for (int i = 0; i < in; i++) data[base + i * out + o] = w[o * in + i];
            }
            if (t.dtype() == DType.F32) for (int i = 0; i < data.length; i++) data[i] = (float) data[i];
            tensors.put(t.name(), new Tensor(t.name(), t.dtype(), t.shape(), data));
        }
        return new Artifact(a.kind(), a.spec(), provenance == null ? a.provenance() : provenance, tensors);
    }

    /** A copy of the artifact with every tensor that names one of {@code params} set to its value (full fine-tuning). */
    public static Artifact withParams(Artifact a, dev.valuekit.tensor.Params params, com.fasterxml.jackson.databind.node.ObjectNode provenance) {
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        for (Tensor t : a.tensors().values()) {
            if (!params.contains(t.name())) { tensors.put(t.name(), t); continue; }
            double[] data = params.get(t.name()).toDoubleArray();
            if (t.dtype() == DType.F32) for (int i = 0; i < data.length; i++) data[i] = (float) data[i];
            tensors.put(t.name(), new Tensor(t.name(), t.dtype(), t.shape(), data));
        }
        return new Artifact(a.kind(), a.spec(), provenance == null ? a.provenance() : provenance, tensors);
    }
}
