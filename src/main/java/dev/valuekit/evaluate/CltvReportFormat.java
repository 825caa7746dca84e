package dev.valuekit.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/** A {@link CltvReport} as JSON (NaN becomes null) or as a text table for people. */
public final class CltvReportFormat {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CltvReportFormat() {}

    public static ObjectNode json(CltvReport r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("customers", r.customers());
        o.put("purchasers", r.purchasers());
        o.set("all", scores(r.all()));
        if (r.purchasersOnly() != null) o.set("purchasers_only", scores(r.purchasersOnly()));
        number(o, "auc", r.auc());
        o.put("auc_score", r.aucScore());
        ArrayNode d = o.putArray("deciles");
        for (CltvReport.Decile x : r.deciles()) {
            ObjectNode row = d.addObject();
            row.put("decile", x.decile());
            row.put("customers", x.customers());
            number(row, "mean_label", x.meanLabel());
            number(row, "mean_prediction", x.meanPrediction());
            number(row, "bias", x.bias());
            number(row, "mae", x.mae());
        }
        return o;
    }

    private static ObjectNode scores(CltvReport.Scores s) {
        ObjectNode o = JSON.createObjectNode();
        number(o, "normalized_gini", s.normalizedGini());
        number(o, "gini", s.gini());
        number(o, "spearman", s.spearman());
        number(o, "mae", s.mae());
        number(o, "rmse", s.rmse());
        return o;
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) o.put(key, v); else o.putNull(key);
    }

    public static String text(CltvReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "customers %d, purchasers %d%n%n", r.customers(), r.purchasers()));
        sb.append(String.format(Locale.ROOT, "%-16s %10s %10s%n", "metric", "all", "purchasers"));
        CltvReport.Scores a = r.all(), p = r.purchasersOnly();
        row(sb, "normalized_gini", a.normalizedGini(), p == null ? Double.NaN : p.normalizedGini());
        row(sb, "spearman", a.spearman(), p == null ? Double.NaN : p.spearman());
        row(sb, "mae", a.mae(), p == null ? Double.NaN : p.mae());
        row(sb, "rmse", a.rmse(), p == null ? Double.NaN : p.rmse());
        sb.append(String.format(Locale.ROOT, "%-16s %10.4f   (purchase vs none, by %s)%n%n", "auc", r.auc(), r.aucScore()));
        sb.append(String.format(Locale.ROOT, "%-6s %9s %12s %12s %12s %12s%n", "decile", "customers", "mean_label", "mean_pred", "bias", "mae"));
        for (CltvReport.Decile d : r.deciles()) {
            sb.append(String.format(Locale.ROOT, "%-6d %9d %12.4f %12.4f %12.4f %12.4f%n", d.decile(), d.customers(),
                    d.meanLabel(), d.meanPrediction(), d.bias(), d.mae()));
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, double all, double purchasers) {
        sb.append(String.format(Locale.ROOT, "%-16s %10.4f %10.4f%n", name, all, purchasers));
    }
}
