package dev.valuekit.evaluate;

import java.util.List;

/**
 * CLTV evaluation results. {@code all} covers every customer, {@code purchasers} only those with a
 * positive label; {@code auc} is purchase versus none.
 */
public record CltvReport(long customers, long purchasers, Scores all, Scores purchasersOnly, double auc, String aucScore,
                         List<Decile> deciles) {

    /** Ranking and error scores on a set of customers. */
    public record Scores(double normalizedGini, double gini, double spearman, double mae, double rmse) {}

    /** One tenth of customers by predicted value (decile 1 = highest predictions). */
    public record Decile(int decile, long customers, double meanLabel, double meanPrediction, double bias, double mae) {}
}
