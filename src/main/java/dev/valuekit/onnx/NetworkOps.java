package dev.valuekit.onnx;

import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.EnsembleDense;
import dev.valuekit.tensor.EnsembleMlp;
import dev.valuekit.tensor.Normalizer;

import java.util.List;

import static dev.valuekit.onnx.OnnxGraph.attr;
import static dev.valuekit.onnx.OnnxGraph.attrs;

/**
 * valuekit's network pieces as ONNX subgraphs, computing what the Java forward passes compute: the
 * normaliser {@code (x − mean) / std}, an ensemble MLP ({@code x·W[m] + b[m]} per layer with the hidden
 * activation, linear output; weights {@code [members, in, out]} used as they are stored, so a
 * {@code [batch, in]} input broadcasts over the members and gives {@code [members, batch, out]}), and
 * the column slices and reductions around them.
 */
final class NetworkOps {
    private final OnnxGraph g;

    NetworkOps(OnnxGraph g) {
        this.g = g;
    }

    OnnxGraph graph() { return g; }

    /** {@code (x − mean) / std} per column of {@code x} ({@code [batch, width]}). */
    String normalize(String x, Normalizer n, String hint) {
        int w = n.width();
        String centred = g.op("Sub", x, g.constant(hint + "_mean", n.mean(), w));
        return g.op("Div", centred, g.constant(hint + "_std", n.std(), w));
    }

    /** The ensemble's output {@code [members, batch, outputs]} for {@code x} {@code [batch, inputs]}. */
    String mlp(String x, EnsembleMlp net) {
        String h = x;
        for (EnsembleDense d : net.layers()) {
            String w = g.constant(d.weight().name(), d.weight().toDoubleArray(), d.members(), d.in(), d.out());
            String b = g.constant(d.bias().name(), d.bias().toDoubleArray(), d.members(), 1, d.out());
            h = activate(g.op("Add", g.op("MatMul", h, w), b), d.activation());
        }
        return h;
    }

    private String activate(String z, Activation a) {
        return switch (a) {
            case IDENTITY -> z;
            case RELU -> g.op("Relu", z);
            case TANH -> g.op("Tanh", z);
            case SILU -> g.op("Mul", z, g.op("Sigmoid", z));   // opset 17 has no SiLU/Swish operator
        };
    }

    /** Columns {@code [from, to)} of the last axis ({@code axis}) of {@code x}. */
    String slice(String x, int axis, long from, long to) {
        return g.op("Slice", List.of(x, ints("start", from), ints("end", to), ints("axis", axis)));
    }

    String concat(int axis, List<String> parts) {
        return parts.size() == 1 ? parts.get(0) : g.op("Concat", parts, attr("axis", axis));
    }

    String squeeze(String x, long axis) {
        return g.op("Squeeze", List.of(x, ints("axes", axis)));
    }

    String unsqueeze(String x, long axis) {
        return g.op("Unsqueeze", List.of(x, ints("axes", axis)));
    }

    String transpose(String x, long... perm) {
        return g.op("Transpose", x, attrs("perm", perm));
    }

    /** ReduceMean / ReduceMin / ReduceMax over one axis, dropping it (opset 17: axes is an attribute). */
    String reduce(String op, String x, long axis) {
        return g.op(op, x, attrs("axes", axis), attr("keepdims", 0));
    }

    String reduceKeep(String op, String x, long axis) {
        return g.op(op, x, attrs("axes", axis), attr("keepdims", 1));
    }

    /** Rows {@code index} of axis 0 of {@code x}, in the given order. */
    String gatherRows(String x, int[] index) {
        long[] idx = new long[index.length];
        for (int i = 0; i < idx.length; i++) idx[i] = index[i];
        return g.op("Gather", List.of(x, g.constantLong("index", idx, idx.length)), attr("axis", 0));
    }

    private String ints(String hint, long v) {
        return g.constantLong(hint, new long[] {v}, 1);
    }
}
