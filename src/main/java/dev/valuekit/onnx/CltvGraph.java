package dev.valuekit.onnx;

import dev.valuekit.cltv.CltvNetwork;
import dev.valuekit.cltv.CustomerEncoder;
import dev.valuekit.cltv.NeuralModelType;
import dev.valuekit.cltv.Ziln;
import dev.valuekit.cltv.ZilnBounds;
import dev.valuekit.tensor.Embedding;

import java.util.ArrayList;
import java.util.List;

import static dev.valuekit.onnx.OnnxGraph.attr;
import static dev.valuekit.onnx.OnnxGraph.attrStrings;
import static dev.valuekit.onnx.OnnxGraph.attrs;

/**
 * The graph of a neural CLTV model, as {@code NeuralScorer} scores: one input per feature column (numeric
 * columns float32, categorical ones strings), numeric features through the signed log (when the model uses
 * it) and the normaliser, categories through the vocabulary (unknown values take the out-of-vocabulary row 0)
 * into their embeddings; then each sub-network's ZILN head {@code (l0, μ, σ-logit)}, OptDist's selector
 * picking one by argmax, and {@code p_purchase = sigmoid(l0)},
 * {@code predicted_ltv = min(meanScale·sigmoid(l0)·exp(μ + σ²/2), ltvMax)} with {@code σ = min(max(softplus(l2), √1e-7), σmax)}
 * and μ clamped to {@code [μmin, μmax]}: the model's {@link ZilnBounds} (unbounded ones become float32 infinities).
 */
final class CltvGraph {
    private CltvGraph() {}

    static OnnxGraph build(CltvNetwork net, NeuralModelType type, ZilnBounds bounds) {
        NetworkOps ops = new NetworkOps(new OnnxGraph("valuekit_cltv"));
        OnnxGraph g = ops.graph();
        CustomerEncoder enc = net.encoder();
        List<String> features = new ArrayList<>();
        if (!enc.numeric().isEmpty()) {
            List<String> cols = new ArrayList<>();
            for (String c : enc.numeric()) {
                cols.add(ops.unsqueeze(g.input(Port.vector(c, "numeric feature")), 1));
            }
            String x = ops.concat(1, cols);
            if (enc.transform() == CustomerEncoder.Transform.SLOG1P) {
                x = g.op("Mul", g.op("Sign", x), g.op("Log", g.op("Add", g.op("Abs", x), g.scalar("one", 1))));
            }
            features.add(ops.normalize(x, enc.normalizer(), "numeric"));
        }
        for (int j = 0; j < enc.categorical().size(); j++) {
            String name = enc.categorical().get(j);
            List<String> vocab = enc.vocabularies().get(j);
            String in = g.input(new Port(name, "string", List.of(OnnxGraph.BATCH), List.of(),
                    "categorical feature; values outside the " + vocab.size() + " seen in training use the out-of-vocabulary embedding"));
            long[] index = new long[vocab.size()];
            for (int i = 0; i < index.length; i++) index[i] = i + 1;
            String idx = g.mlOp("LabelEncoder", List.of(in), attrStrings("keys_strings", vocab),
                    attrs("values_int64s", index), attr("default_int64", 0));
            Embedding e = net.embedding(j);
            String table = g.constant("embedding_" + name, e.param().toDoubleArray(), e.rows(), e.dim());
            features.add(g.op("Gather", List.of(table, idx), attr("axis", 0)));
        }
        String x = ops.concat(1, features);

        // Every sub-network's outputs as [batch, L] per logit, so the selector's choice is one GatherElements.
        String sub = ops.mlp(x, net.sub());                      // [L, batch, 3]
        String l0 = ops.transpose(ops.squeeze(ops.slice(sub, 2, 0, 1), 2), 1, 0);
        String mu = ops.transpose(ops.squeeze(ops.slice(sub, 2, 1, 2), 2), 1, 0);
        String l2 = ops.transpose(ops.squeeze(ops.slice(sub, 2, 2, 3), 2), 1, 0);
        String p = g.op("Sigmoid", l0);
        String sigma = g.op("Min", g.op("Max", g.op("Softplus", l2), g.scalar("sigma_floor", Ziln.SIGMA_FLOOR)),
                g.scalar("sigma_max", bounds.sigmaMax()));
        mu = g.op("Min", g.op("Max", mu, g.scalar("mu_min", bounds.muMin())), g.scalar("mu_max", bounds.muMax()));
        String halfVar = g.op("Mul", g.op("Mul", sigma, sigma), g.scalar("half", 0.5));
        String mean = g.op("Mul", g.op("Mul", p, g.op("Exp", g.op("Add", mu, halfVar))), g.scalar("mean_scale", bounds.meanScale()));
        String ltv = g.op("Min", mean, g.scalar("ltv_max", bounds.ltvMax()));
        if (type == NeuralModelType.OPTDIST) {
            // argmax keeps the first maximal index, as NeuralScorer's strict comparison does
            String component = g.op("ArgMax", ops.squeeze(ops.mlp(x, net.selector()), 0), attr("axis", 1), attr("keepdims", 1),
                    attr("select_last_index", 0));
            p = g.op("GatherElements", List.of(p, component), attr("axis", 1));
            ltv = g.op("GatherElements", List.of(ltv, component), attr("axis", 1));
            g.output(ops.squeeze(p, 1), Port.vector("p_purchase", "probability of any spend, from the selected sub-network"));
            g.output(ops.squeeze(ltv, 1), Port.vector("predicted_ltv", "expected spend of the selected sub-network's zero-inflated lognormal"));
            g.output(ops.squeeze(component, 1), new Port("component", "int64", List.of(OnnxGraph.BATCH), List.of(),
                    "the sub-network the selector picked (argmax)"));
        } else {
            g.output(ops.squeeze(p, 1), Port.vector("p_purchase", "probability of any spend, sigmoid(l0)"));
            g.output(ops.squeeze(ltv, 1), Port.vector("predicted_ltv", "expected spend min(bounds.mean_scale * sigmoid(l0) * exp(mu + sigma^2 / 2), bounds.ltv_max), mu and sigma bounded as in the spec"));
        }
        return g;
    }
}
