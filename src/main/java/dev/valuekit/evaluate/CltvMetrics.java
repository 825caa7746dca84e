package dev.valuekit.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Metrics for customer-value predictions (google/lifetime_value's set): normalised Gini
 * (cumulative-gain Gini of the model's ranking divided by that of the true ranking, ties per
 * {@link GainCurve}), Spearman's ρ with average ranks, MAE, RMSE, purchase AUC (ties count ½), the
 * same scores on purchasers only, and a decile table.
 */
public final class CltvMetrics {
    private CltvMetrics() {}

    /**
     * @param label      true value per customer
     * @param prediction predicted value
     * @param pPurchase  predicted purchase probability, or null to rank purchases by {@code prediction}
     */
    public static CltvReport compute(double[] label, double[] prediction, double[] pPurchase) {
        int n = label.length;
        if (n == 0 || prediction.length != n || (pPurchase != null && pPurchase.length != n)) {
            throw new IllegalArgumentException("need equally long, non-empty label and prediction arrays");
        }
        boolean[] positive = new boolean[n];
        int np = 0;
        for (int i = 0; i < n; i++) if (positive[i] = label[i] > 0) np++;
        double[] pl = new double[np], pp = new double[np];
        for (int i = 0, k = 0; i < n; i++) if (positive[i]) { pl[k] = label[i]; pp[k++] = prediction[i]; }
        double auc = Ranks.auc(pPurchase != null ? pPurchase : prediction, positive);
        return new CltvReport(n, np, scores(label, prediction), np > 0 ? scores(pl, pp) : null, auc,
                pPurchase != null ? "p_purchase" : "predicted_ltv", deciles(label, prediction));
    }

    static CltvReport.Scores scores(double[] label, double[] prediction) {
        double gModel = GainCurve.of(prediction, label).gini();
        double gTruth = GainCurve.of(label, label).gini();
        double abs = 0, sq = 0;
        for (int i = 0; i < label.length; i++) {
            double e = prediction[i] - label[i];
            abs += Math.abs(e);
            sq += e * e;
        }
        return new CltvReport.Scores(gModel / gTruth, gModel, Ranks.spearman(label, prediction),
                abs / label.length, Math.sqrt(sq / label.length));
    }

    /**
     * Customers sorted by prediction (highest first; equal predictions keep input order) and cut
     * into tenths: rank i (0-based) goes to decile ⌊10 i / n⌋ + 1. With fewer than ten customers
     * some deciles are empty and left out.
     */
    static List<CltvReport.Decile> deciles(double[] label, double[] prediction) {
        int n = label.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> prediction[i]).reversed());
        double[] sumL = new double[10], sumP = new double[10], sumAbs = new double[10];
        long[] count = new long[10];
        for (int r = 0; r < n; r++) {
            int d = (int) (10L * r / n), i = order[r];
            count[d]++;
            sumL[d] += label[i];
            sumP[d] += prediction[i];
            sumAbs[d] += Math.abs(prediction[i] - label[i]);
        }
        List<CltvReport.Decile> out = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            if (count[d] == 0) continue;
            double ml = sumL[d] / count[d], mp = sumP[d] / count[d];
            out.add(new CltvReport.Decile(d + 1, count[d], ml, mp, mp - ml, sumAbs[d] / count[d]));
        }
        return out;
    }
}
