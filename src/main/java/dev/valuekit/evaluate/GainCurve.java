package dev.valuekit.evaluate;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The cumulative-gain (Lorenz) curve of a ranking: customers sorted by score, highest first, and
 * the share of total true value captured by the top k, for k = 1..n. Tie rule: customers with equal
 * scores form one block whose value is spread evenly over its positions (each gets the block's mean
 * label), so the curve does not depend on the input order.
 */
public final class GainCurve {
    private final double[] gain; // gain[k-1] = share captured by the top k

    private GainCurve(double[] gain) { this.gain = gain; }

    public static GainCurve of(double[] score, double[] label) {
        int n = score.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> score[i]).reversed());
        double total = 0;
        for (double y : label) total += y;
        double[] gain = new double[n];
        double cum = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            double block = label[order[i]];
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) block += label[order[++j]];
            double each = block / (j - i + 1);
            for (int k = i; k <= j; k++) {
                cum += each;
                gain[k] = total > 0 ? cum / total : 0;
            }
            i = j + 1;
        }
        return new GainCurve(gain);
    }

    /** Share of total value captured by the top k customers (k = 0..n). */
    public double at(int k) { return k == 0 ? 0 : gain[k - 1]; }

    public int size() { return gain.length; }

    /**
     * Gini of the curve, 2·mean_k(gain_k) − 1, the discrete form google/lifetime_value uses: 0 for
     * a useless ranking up to its 1/n discretisation, larger the more value the top ranks capture.
     */
    public double gini() {
        double s = 0;
        for (double g : gain) s += g;
        return 2 * s / gain.length - 1;
    }
}
