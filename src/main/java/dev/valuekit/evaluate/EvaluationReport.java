package dev.valuekit.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/** Renders a {@link ModelEvaluation} as a text table for people or as JSON for scripts. */
public final class EvaluationReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvaluationReport() {}

    public static String text(ModelEvaluation e) {
        StringBuilder sb = new StringBuilder();
        sb.append("model ").append(e.model()).append(" on ").append(e.data()).append(": ")
                .append(e.rows()).append(" transitions, one-step error per output\n");
        int w = "output".length();
        for (DimensionError d : e.outputs()) w = Math.max(w, d.name().length());
        String head = "%-" + w + "s  %11s  %11s  %11s  %10s  %12s%n";
        sb.append(String.format(Locale.ROOT, head, "output", "RMSE", "MAE", "max |err|", "worst row",
                "> " + num(e.tolerance())));
        String row = "%-" + w + "s  %11s  %11s  %11s  %10d  %12d%n";
        for (DimensionError d : e.outputs()) {
            sb.append(String.format(Locale.ROOT, row, d.name(), num(d.rmse()), num(d.mae()), num(d.maxAbsError()),
                    d.worstRow(), d.beyondTolerance()));
        }
        if (e.hasMatching()) {
            sb.append(String.format(Locale.ROOT, "rows matching in every output within %s: %d of %d (%.2f%%)%n",
                    num(e.tolerance()), e.matchingRows(), e.rows(), 100 * e.matchingShare()));
        }
        return sb.toString();
    }

    public static String json(ModelEvaluation e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("model", e.model());
        o.put("data", e.data());
        o.put("rows", e.rows());
        o.put("tolerance", e.tolerance());
        ArrayNode outs = o.putArray("outputs");
        for (DimensionError d : e.outputs()) {
            ObjectNode n = outs.addObject();
            n.put("name", d.name());
            n.put("rmse", d.rmse());
            n.put("mae", d.mae());
            n.put("max_abs_error", d.maxAbsError());
            n.put("worst_row", d.worstRow());
            n.put("beyond_tolerance", d.beyondTolerance());
        }
        if (e.hasMatching()) {
            o.put("matching_rows", e.matchingRows());
            o.put("matching_share", e.matchingShare());
        }
        try {
            return JSON.writeValueAsString(o) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3e", v);
    }
}
