package dev.valuekit.cltv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.DType;
import dev.valuekit.artifact.Tensor;
import dev.valuekit.common.BadInputException;

import java.util.LinkedHashMap;

/**
 * A {@link ProbabilisticModel} as a {@code cltv} artifact. The parameters are F64 tensors
 * {@code <type>.params} (bgnbd, mbgnbd: [r, α, a, b]; paretonbd: [r, α, s, β]) and
 * {@code gamma_gamma.params} = [p, q, v] (exact bits); the spec names the model type, the time unit, the
 * parameter order, the customer columns, fit diagnostics and, when the fit ran to the no-dropout edge,
 * the limiting model ({@code limiting_model}).
 */
public final class CltvArtifacts {
    public static final String KIND = "cltv";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CltvArtifacts() {}

    public static Artifact toArtifact(ProbabilisticModel m, CustomerColumns cols, ObjectNode provenance) {
        PurchaseModel bg = m.purchases();
        String type = bg.type().label(), tensor = type + ".params";
        ObjectNode spec = JSON.createObjectNode();
        spec.put("model", type);
        spec.put("unit", m.unit().label());
        ObjectNode params = spec.putObject("parameters");
        bg.type().parameterNames().forEach(params.putArray(tensor)::add);
        params.putArray("gamma_gamma.params").add("p").add("q").add("v");
        ObjectNode c = spec.putObject("columns");
        c.put("id", cols.id()).put("frequency", cols.frequency()).put("recency", cols.recency()).put("T", cols.age()).put("monetary", cols.monetary());
        ObjectNode fit = spec.putObject("fit");
        fit.put("customers", m.customers()).put("repeat_buyers", m.repeatBuyers()).put("zero_spend_repeat_buyers", m.zeroSpendRepeatBuyers())
                .put("converged", m.converged())
                .put(type + "_log_likelihood", m.purchaseLogLikelihood()).put("gamma_gamma_log_likelihood", m.spendLogLikelihood());
        if (bg.limitingModel() != null) spec.put("limiting_model", bg.limitingModel());
        LinkedHashMap<String, Tensor> t = new LinkedHashMap<>();
        GammaGamma gg = m.spend();
        t.put(tensor, new Tensor(tensor, DType.F64, new long[]{4}, bg.parameters()));
        t.put("gamma_gamma.params", new Tensor("gamma_gamma.params", DType.F64, new long[]{3}, new double[]{gg.p(), gg.q(), gg.v()}));
        return new Artifact(KIND, spec, provenance, t);
    }

    /** The model type named in a cltv artifact's spec ("bgnbd", "paretonbd", "ziln", ...). */
    public static String type(Artifact a, String source) {
        return text(a.spec(), "model", source);
    }

    public static ProbabilisticModel fromArtifact(Artifact a, String source) {
        PurchaseModelType type = PurchaseModelType.of(type(a, source));
        if (type == null) {
            throw BadInputException.inFile("cltv model type '" + type(a, source) + "' is not a probabilistic model", source,
                    "pass a model made by 'predict-cltv fit --method bgnbd' (or mbgnbd, paretonbd)");
        }
        double[] bg = params(a, type.label() + ".params", 4, source), gg = params(a, "gamma_gamma.params", 3, source);
        JsonNode fit = a.spec().path("fit");
        return new ProbabilisticModel(type.create(bg), new GammaGamma(gg[0], gg[1], gg[2]),
                PeriodUnit.parse(text(a.spec(), "unit", source)), fit.path(type.label() + "_log_likelihood").asDouble(Double.NaN),
                fit.path("gamma_gamma_log_likelihood").asDouble(Double.NaN), fit.path("customers").asInt(), fit.path("repeat_buyers").asInt(),
                fit.path("zero_spend_repeat_buyers").asInt(), fit.path("converged").asBoolean(true));
    }

    public static CustomerColumns columns(Artifact a, String source) {
        JsonNode c = a.spec().path("columns");
        return new CustomerColumns(text(c, "id", source), text(c, "frequency", source), text(c, "recency", source),
                text(c, "T", source), text(c, "monetary", source));
    }

    private static double[] params(Artifact a, String name, int n, String source) {
        Tensor t = a.tensor(name, source);
        if (t.data().length != n) throw BadInputException.inFile("tensor " + name + " has " + t.data().length + " values, expected " + n, source, "re-create the model with 'predict-cltv fit'");
        for (double v : t.data()) {
            if (!(v > 0) || !Double.isFinite(v)) throw BadInputException.inFile("tensor " + name + " holds a non-positive parameter " + v, source, "re-create the model with 'predict-cltv fit'");
        }
        return t.data();
    }

    private static String text(JsonNode node, String key, String source) {
        JsonNode v = node == null ? null : node.get(key);
        if (v == null || !v.isTextual()) throw BadInputException.inFile("cltv model spec lacks '" + key + "'", source, "re-create the model with 'predict-cltv fit'");
        return v.asText();
    }
}
