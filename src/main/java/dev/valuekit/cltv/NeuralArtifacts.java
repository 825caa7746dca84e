package dev.valuekit.cltv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.DType;
import dev.valuekit.artifact.Tensor;
import dev.valuekit.common.BadInputException;
import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.Normalizer;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Param;
import dev.valuekit.tensor.Precision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A neural CLTV model (ZILN or OptDist) as a {@code cltv} artifact. Tensors: {@code sub.layer.i.weight}
 * [L, in, out] and {@code .bias} [L, 1, out] (the sub-distribution networks, L = 1 for ZILN),
 * {@code selector.layer.i.*} (OptDist), {@code embedding.<column>} [vocabulary + 1, dim] with row 0 the
 * out-of-vocabulary vector. The spec holds the architecture, the feature columns with the numeric
 * transform and normaliser statistics, the vocabularies (row i + 1 of an embedding is vocabulary entry i),
 * the id and label column names and the training settings.
 */
public final class NeuralArtifacts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NeuralArtifacts() {}

    /** A loaded model and the column names it was fitted with. */
    public record Loaded(CltvNetwork network, String idColumn, String labelColumn, ZilnBounds bounds) {}

    public static Artifact toArtifact(CltvNetwork net, String idColumn, String labelColumn, NeuralTrainOptions o,
                                      NeuralTrainer.Summary summary, ObjectNode provenance) {
        NetworkShape shape = net.shape();
        CustomerEncoder enc = net.encoder();
        ObjectNode spec = JSON.createObjectNode();
        spec.put("model", shape.type().label());
        spec.putObject("columns").put("id", idColumn).put("label", labelColumn);
        ArrayNode num = spec.putArray("numeric");
        enc.numeric().forEach(num::add);
        spec.put("transform", enc.transform().label());
        ObjectNode norm = spec.putObject("normalizer");
        ArrayNode mean = norm.putArray("mean"), std = norm.putArray("std");
        for (double v : enc.normalizer().mean()) mean.add(v);
        for (double v : enc.normalizer().std()) std.add(v);
        ArrayNode cats = spec.putArray("categorical");
        for (int j = 0; j < enc.categorical().size(); j++) {
            ObjectNode c = cats.addObject().put("name", enc.categorical().get(j));
            ArrayNode v = c.putArray("vocabulary");
            enc.vocabularies().get(j).forEach(v::add);
        }
        spec.put("embedding_dim", shape.embeddingDim());
        spec.put("out_of_vocabulary_index", 0);
        ArrayNode hidden = spec.putArray("hidden");
        for (int h : shape.hidden()) hidden.add(h);
        spec.put("activation", shape.activation().name().toLowerCase(java.util.Locale.ROOT));
        spec.put("sub_networks", shape.subNetworks());
        spec.put("outputs", "per sub-network: l0 = logit of P(spend > 0), l1 = mu, l2 = sigma logit; "
                + "sigma = min(max(softplus(l2), sqrt(1e-7)), bounds.sigma_max); E[spend] = min(bounds.mean_scale * sigmoid(l0) * exp(mu + sigma^2 / 2), bounds.ltv_max) "
                + "with mu clamped to [bounds.mu_min, bounds.mu_max]" + (shape.type() == NeuralModelType.OPTDIST
                ? "; the selector's argmax picks the sub-network" : ""));
        ZilnBounds b = summary.bounds();
        spec.putObject("bounds").put("rule", ZilnBounds.RULE).put("sigma_max", b.sigmaMax()).put("mu_min", b.muMin())
                .put("mu_max", b.muMax()).put("ltv_max", b.ltvMax())
                .put("mean_scale", b.meanScale()).put("calibration", ZilnBounds.CALIBRATION);
        ObjectNode tr = spec.putObject("training");
        tr.put("epochs", o.epochs()).put("batch", o.batchSize()).put("lr", o.learningRate()).put("seed", o.seed());
        if (o.steps() > 0) tr.put("steps", o.steps()).put("planned_epochs", summary.plannedEpochs());
        if (summary.holdoutRows() > 0) tr.put("holdout", o.holdout()).put("patience", o.patience());
        if (shape.type() == NeuralModelType.OPTDIST) {
            tr.put("lambda", o.lambda()).put("focal_gamma", o.gamma()).put("sub_loss", o.subLoss().label())
                    .put("tau_start", o.tauStart()).put("tau_end", o.tauEnd());
        }
        ObjectNode fit = spec.putObject("fit");
        fit.put("final_loss", summary.finalLoss());
        if (summary.holdoutRows() > 0) {
            fit.put("epochs_run", summary.epochs()).put("stopped_early", summary.stoppedEarly())
                    .put("train_customers", summary.trainRows()).put("holdout_customers", summary.holdoutRows())
                    .put("best_holdout_loss", summary.bestHoldoutLoss()).put("constant_holdout_loss", summary.constantHoldoutLoss())
                    .put("beats_constant", summary.beatsConstant());
        }
        DType dtype = net.precision() == Precision.F32 ? DType.F32 : DType.F64;
        LinkedHashMap<String, Tensor> t = new LinkedHashMap<>();
        for (Param p : net.params().list()) t.put(p.name(), new Tensor(p.name(), dtype, p.shape(), p.toDoubleArray()));
        return new Artifact(CltvArtifacts.KIND, spec, provenance, t);
    }

    public static Loaded fromArtifact(Artifact a, String source) {
        NeuralSpecCheck.check(a, source);
        JsonNode s = a.spec();
        NeuralModelType type = NeuralModelType.of(s.path("model").asText());
        if (type == null) throw bad("model type '" + s.path("model").asText() + "' is not ziln or optdist", source);
        List<String> numeric = strings(s.path("numeric"), "numeric", source);
        double[] mean = numbers(s.path("normalizer").path("mean"), "normalizer.mean", source);
        double[] std = numbers(s.path("normalizer").path("std"), "normalizer.std", source);
        if (mean.length != numeric.size() || std.length != numeric.size()) throw bad("normaliser statistics do not match the numeric columns", source);
        Normalizer norm;
        try {
            norm = Normalizer.of(mean, std);
        } catch (IllegalArgumentException e) {
            throw bad("bad normaliser statistics: " + e.getMessage(), source);
        }
        List<String> catNames = new ArrayList<>();
        List<List<String>> vocab = new ArrayList<>();
        for (JsonNode c : array(s.path("categorical"), "categorical", source)) {
            catNames.add(text(c, "name", source));
            vocab.add(strings(c.path("vocabulary"), "vocabulary", source));
        }
        CustomerEncoder enc;
        try {
            enc = new CustomerEncoder(numeric, CustomerEncoder.Transform.parse(text(s, "transform", source)), norm, catNames, vocab);
        } catch (BadInputException e) {
            throw bad("unknown feature transform '" + s.path("transform").asText() + "'", source);
        }
        int[] hidden = Arrays.stream(numbers(s.path("hidden"), "hidden", source)).mapToInt(v -> (int) v).toArray();
        Activation act;
        try {
            act = Activation.parse(text(s, "activation", source));
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage(), source);
        }
        NetworkShape shape;
        try {
            shape = new NetworkShape(type, hidden, act, s.path("sub_networks").asInt(1), s.path("embedding_dim").asInt(5));
        } catch (BadInputException | IllegalArgumentException e) {
            throw bad("inconsistent architecture in the spec", source);
        }
        // the network computes in the precision the file stores (nothing process-wide changes)
        Precision precision = a.tensors().isEmpty() ? Precision.F32 : Precision.ofStored(a.tensors().values().iterator().next().dtype().name());
        CltvNetwork net = new CltvNetwork(shape, enc, 0, precision);
        for (Param p : net.params().list()) {
            Tensor t = a.tensor(p.name(), source);
            if (!Arrays.equals(t.shape(), p.shape())) {
                throw bad("tensor " + p.name() + " has shape " + Arrays.toString(t.shape()) + ", the spec implies " + Arrays.toString(p.shape()), source);
            }
            p.set(t.data());
        }
        net.refreshEmbeddings();
        JsonNode cols = s.path("columns");
        return new Loaded(net, text(cols, "id", source), text(cols, "label", source), bounds(s.path("bounds"), source));
    }

    /** The spec's bounds; a model from before they existed gets {@link ZilnBounds#NONE}. */
    private static ZilnBounds bounds(JsonNode b, String source) {
        if (b.isMissingNode()) return ZilnBounds.NONE;
        try {
            // models written before the calibration existed have no mean_scale: 1
            double scale = b.has("mean_scale") ? number(b, "mean_scale", source) : 1;
            return new ZilnBounds(number(b, "sigma_max", source), number(b, "mu_min", source), number(b, "mu_max", source),
                    number(b, "ltv_max", source), scale);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage(), source);
        }
    }

    private static double number(JsonNode n, String key, String source) {
        JsonNode v = n.get(key);
        if (v == null || !v.isNumber()) throw bad("spec lacks the number 'bounds." + key + "'", source);
        return v.asDouble();
    }

    private static BadInputException bad(String what, String source) {
        return BadInputException.inFile("cltv model: " + what, source, "re-create the model with 'predict-cltv fit'");
    }

    private static String text(JsonNode n, String key, String source) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual()) throw bad("spec lacks '" + key + "'", source);
        return v.asText();
    }

    private static List<JsonNode> array(JsonNode n, String what, String source) {
        if (!n.isArray()) throw bad("spec lacks the array '" + what + "'", source);
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    private static List<String> strings(JsonNode n, String what, String source) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : array(n, what, source)) {
            if (!v.isTextual()) throw bad("'" + what + "' must hold strings", source);
            out.add(v.asText());
        }
        return out;
    }

    private static double[] numbers(JsonNode n, String what, String source) {
        List<JsonNode> a = array(n, what, source);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).isNumber()) throw bad("'" + what + "' must hold numbers", source);
            out[i] = a.get(i).asDouble();
        }
        return out;
    }
}
