package dev.valuekit.evaluate;

import dev.valuekit.common.BadInputException;
import dev.valuekit.table.Batch;
import dev.valuekit.table.Schema;
import dev.valuekit.table.TableReader;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Predictions matched to true labels by customer id. The truth is held in a map (one entry per
 * customer); predictions stream through batch by batch.
 */
public final class CltvJoin {
    /** The matched rows and how many on each side found no partner. */
    public record Joined(double[] label, double[] prediction, double[] pPurchase, int unmatchedPredictions, int unmatchedTruth) {}

    private CltvJoin() {}

    public static Map<String, Double> truth(TableReader reader, String idColumn, String labelColumn) throws IOException {
        Schema s = reader.schema();
        int ic = s.require(idColumn, reader.source()), lc = s.requireNumeric(labelColumn, reader.source());
        Map<String, Double> out = new HashMap<>();
        for (Batch b = reader.next(); b != null; b = reader.next()) {
            long base = reader.rowsRead() - b.rows();
            for (int i = 0; i < b.rows(); i++) {
                double y = b.getDouble(lc, i);
                if (!Double.isFinite(y) || y < 0) {
                    throw new BadInputException("label " + y + " is not a non-negative number", reader.source(), base + i + 1, labelColumn,
                            "customer values must be >= 0");
                }
                if (out.put(b.getString(ic, i), y) != null) {
                    throw new BadInputException("customer '" + b.getString(ic, i) + "' appears twice", reader.source(), base + i + 1, idColumn,
                            "the truth table needs one row per customer");
                }
            }
        }
        return out;
    }

    /** @param probabilityColumn null to use no purchase probability */
    public static Joined join(Map<String, Double> truth, TableReader predictions, String idColumn, String predictionColumn,
                              String probabilityColumn) throws IOException {
        Schema s = predictions.schema();
        int ic = s.require(idColumn, predictions.source()), pc = s.requireNumeric(predictionColumn, predictions.source());
        int qc = probabilityColumn == null ? -1 : s.requireNumeric(probabilityColumn, predictions.source());
        double[] y = new double[1024], p = new double[1024], q = qc < 0 ? null : new double[1024];
        int n = 0, unmatched = 0;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Batch b = predictions.next(); b != null; b = predictions.next()) {
            long base = predictions.rowsRead() - b.rows();
            for (int i = 0; i < b.rows(); i++) {
                String id = b.getString(ic, i);
                Double label = truth.get(id);
                if (label == null) { unmatched++; continue; }
                if (!seen.add(id)) {
                    throw new BadInputException("customer '" + id + "' is predicted twice", predictions.source(), base + i + 1, idColumn,
                            "keep one prediction per customer");
                }
                double pred = b.getDouble(pc, i);
                if (!Double.isFinite(pred)) {
                    throw new BadInputException("prediction " + pred + " is not finite", predictions.source(), base + i + 1, predictionColumn,
                            "predictions must be numbers");
                }
                if (n == y.length) {
                    y = Arrays.copyOf(y, 2 * n);
                    p = Arrays.copyOf(p, 2 * n);
                    if (q != null) q = Arrays.copyOf(q, 2 * n);
                }
                y[n] = label;
                p[n] = pred;
                if (q != null) q[n] = b.getDouble(qc, i);
                n++;
            }
        }
        return new Joined(Arrays.copyOf(y, n), Arrays.copyOf(p, n), q == null ? null : Arrays.copyOf(q, n), unmatched, truth.size() - n);
    }
}
