package dev.valuekit.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/** Renders a {@link LearnedModelEvaluation} as a text table or as JSON (NaN written as null). */
public final class LearnedModelReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LearnedModelReport() {}

    public static String text(LearnedModelEvaluation e) { return text(e, null); }

    /** With the value-aware error appended when {@code v} is not null. */
    public static String text(LearnedModelEvaluation e, ValueAwareError v) {
        StringBuilder sb = new StringBuilder();
        sb.append("model ").append(e.model()).append(" on ").append(e.data()).append(": ").append(e.rows())
                .append(" transitions; one-step prediction of the elites' mixture\n");
        int w = "output".length();
        for (OutputMetrics m : e.outputs()) w = Math.max(w, m.name().length());
        String head = "%-" + w + "s  %11s  %11s  %11s  %9s  %9s%n";
        sb.append(String.format(Locale.ROOT, head, "output", "MSE", "MSE/var", "NLL", "in 1σ", "in 2σ"));
        for (OutputMetrics m : e.outputs()) row(sb, w, m);
        row(sb, w, e.overall());
        sb.append("NLL includes ½ and ½·log 2π (nats per dimension); a calibrated model has 68.3% of targets within 1σ and 95.4% within 2σ\n");
        sb.append(String.format(Locale.ROOT, "terminated predicted wrongly: %.2f%% of rows%n", 100 * e.terminatedErrorRate()));
        if (e.kStepNote() != null) {
            sb.append(e.kStepNote()).append('\n');
        } else {
            sb.append("open-loop error following the data's actions (elites' mean, observation MSE):\n");
            sb.append(String.format(Locale.ROOT, "%6s  %9s  %11s%n", "k", "windows", "MSE"));
            for (KStepError k : e.kSteps()) {
                sb.append(String.format(Locale.ROOT, "%6d  %9d  %11s%n", k.k(), k.starts(), num(k.mse())));
            }
        }
        if (v != null) valueAware(sb, v);
        return sb.toString();
    }

    private static void valueAware(StringBuilder sb, ValueAwareError v) {
        sb.append("value-aware error mean (V(s') - V(s'^))^2 with V from ").append(v.value())
                .append(String.format(Locale.ROOT, " (mean V(s') %.4g):%n", v.meanValue()));
        sb.append(String.format(Locale.ROOT, "  elites' mean  %11s%n", num(v.eliteMean())));
        java.util.Set<Integer> elite = new java.util.HashSet<>();
        for (int e : v.elites()) elite.add(e);
        for (int m = 0; m < v.members().length; m++) {
            sb.append(String.format(Locale.ROOT, "  member %-5d  %11s%s%n", m, num(v.members()[m]), elite.contains(m) ? "  elite" : ""));
        }
    }

    private static void row(StringBuilder sb, int w, OutputMetrics m) {
        sb.append(String.format(Locale.ROOT, "%-" + w + "s  %11s  %11s  %11s  %9s  %9s%n", m.name(), num(m.mse()),
                num(m.normalizedMse()), num(m.nll()), pct(m.within1Sigma()), pct(m.within2Sigma())));
    }

    public static String json(LearnedModelEvaluation e) { return json(e, null); }

    /** With a {@code value_aware} object when {@code v} is not null. */
    public static String json(LearnedModelEvaluation e, ValueAwareError v) {
        ObjectNode o = JSON.createObjectNode();
        o.put("model", e.model());
        o.put("data", e.data());
        o.put("rows", e.rows());
        ArrayNode outs = o.putArray("outputs");
        for (OutputMetrics m : e.outputs()) metrics(outs.addObject(), m);
        metrics(o.putObject("overall"), e.overall());
        o.put("nll_includes_constants", true);
        put(o, "terminated_error_rate", e.terminatedErrorRate());
        ArrayNode ks = o.putArray("k_step");
        for (KStepError k : e.kSteps()) {
            ObjectNode n = ks.addObject();
            n.put("k", k.k());
            n.put("windows", k.starts());
            put(n, "mse", k.mse());
        }
        if (e.kStepNote() != null) o.put("k_step_note", e.kStepNote());
        if (v != null) {
            ObjectNode n = o.putObject("value_aware");
            n.put("value", v.value());
            n.put("definition", "mean over rows of (V(next_obs) - V(obs + predicted delta))^2");
            put(n, "elite_mean", v.eliteMean());
            ArrayNode ms = n.putArray("members");
            for (double x : v.members()) if (Double.isFinite(x)) ms.add(x); else ms.addNull();
            ArrayNode es = n.putArray("elites");
            for (int x : v.elites()) es.add(x);
            put(n, "mean_value", v.meanValue());
        }
        try {
            return JSON.writeValueAsString(o) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void metrics(ObjectNode n, OutputMetrics m) {
        n.put("name", m.name());
        put(n, "mse", m.mse());
        put(n, "normalized_mse", m.normalizedMse());
        put(n, "nll", m.nll());
        put(n, "within_1sigma", m.within1Sigma());
        put(n, "within_2sigma", m.within2Sigma());
    }

    private static void put(ObjectNode n, String k, double v) {
        if (Double.isFinite(v)) n.put(k, v); else n.putNull(k);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3e", v);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
