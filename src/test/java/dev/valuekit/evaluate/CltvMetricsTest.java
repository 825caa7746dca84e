package dev.valuekit.evaluate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Five customers worked by hand. labels y = [0, 10, 0, 5, 20], predictions [1, 8, 2, 12, 15],
 * p_purchase [0.2, 0.6, 0.6, 0.9, 0.8]; total value 35.
 * Model order 15,12,8,2,1 → labels 20,5,10,0,0 → cumulative 20,25,35,35,35 (sum 150):
 *   Gini = 2·150/(35·5) − 1 = 125/175. True order 20,10,5,0,0 → 20,30,35,35,35 (sum 155):
 *   Gini = 135/175. Normalised = 125/135.
 * Spearman: ranks of y [1.5, 4, 1.5, 3, 5], of predictions [1, 3, 2, 4, 5]; deviations from 3:
 *   [−1.5, 1, −1.5, 0, 2] and [−2, 0, −1, 1, 2]: ρ = 8.5 / √(9.5·10).
 * MAE = (1+2+2+7+5)/5 = 3.4; RMSE = √((1+4+4+49+25)/5) = √16.6.
 * AUC on p_purchase: positives .6,.9,.8 vs negatives .2,.6: 1 + ½ + 2 + 2 = 5.5 of 6 pairs.
 * Purchasers y = [10, 5, 20], predictions [8, 12, 15]: model cumulative 20,25,35 (80), truth
 *   20,30,35 (85): normalised (160/105 − 1)/(170/105 − 1) = 55/65; ranks [2,1,3] vs [1,2,3]: ρ = ½;
 *   MAE 14/3; RMSE √26.
 */
class CltvMetricsTest {
    private static final double[] Y = {0, 10, 0, 5, 20};
    private static final double[] PRED = {1, 8, 2, 12, 15};
    private static final double[] P = {0.2, 0.6, 0.6, 0.9, 0.8};

    @Test
    void handWorkedFiveCustomers() {
        CltvReport r = CltvMetrics.compute(Y, PRED, P);
        assertEquals(5, r.customers());
        assertEquals(3, r.purchasers());
        assertEquals(125.0 / 175, r.all().gini(), 1e-12);
        assertEquals(125.0 / 135, r.all().normalizedGini(), 1e-12);
        assertEquals(8.5 / Math.sqrt(95), r.all().spearman(), 1e-12);
        assertEquals(3.4, r.all().mae(), 1e-12);
        assertEquals(Math.sqrt(16.6), r.all().rmse(), 1e-12);
        assertEquals(5.5 / 6, r.auc(), 1e-12);
        assertEquals(55.0 / 65, r.purchasersOnly().normalizedGini(), 1e-12);
        assertEquals(0.5, r.purchasersOnly().spearman(), 1e-12);
        assertEquals(14.0 / 3, r.purchasersOnly().mae(), 1e-12);
        assertEquals(Math.sqrt(26), r.purchasersOnly().rmse(), 1e-12);
    }

    @Test
    void tiedPredictionsShareTheirBlockValue() {
        // All predictions equal: each position gains the mean label 7, cumulative k·7/35 = k/5,
        // Gini = 2·(1+2+3+4+5)/25 − 1 = 0.2 whatever the input order.
        double[] tied = {3, 3, 3, 3, 3};
        CltvReport r = CltvMetrics.compute(Y, tied, null);
        assertEquals(0.2, r.all().gini(), 1e-12);
        assertEquals(0.2 / (135.0 / 175), r.all().normalizedGini(), 1e-12);
        double[] yReversed = {20, 5, 0, 10, 0};
        assertEquals(r.all().gini(), CltvMetrics.compute(yReversed, tied, null).all().gini(), 1e-15);
        // AUC on a constant score is ½.
        assertEquals(0.5, r.auc(), 1e-12);
    }

    @Test
    void decilesByPrediction() {
        // 20 customers: prediction i, label 2i. Decile 1 = predictions 19, 18 → mean label 37, mean prediction 18.5.
        double[] y = new double[20], p = new double[20];
        for (int i = 0; i < 20; i++) { p[i] = i; y[i] = 2 * i; }
        var d = CltvMetrics.compute(y, p, null).deciles();
        assertEquals(10, d.size());
        assertEquals(1, d.get(0).decile());
        assertEquals(2, d.get(0).customers());
        assertEquals(37.0, d.get(0).meanLabel(), 1e-12);
        assertEquals(18.5, d.get(0).meanPrediction(), 1e-12);
        assertEquals(-18.5, d.get(0).bias(), 1e-12);
        assertEquals(1.0, d.get(9).meanLabel(), 1e-12);
    }

    @Test
    void averageRanks() {
        assertEquals(java.util.Arrays.toString(new double[]{1.5, 4, 1.5, 3, 5}), java.util.Arrays.toString(Ranks.average(Y)));
    }
}
