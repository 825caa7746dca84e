package dev.valuekit.evaluate;

import java.util.Arrays;
import java.util.Comparator;

/** Rank statistics with ties given their average rank. */
public final class Ranks {
    private Ranks() {}

    /** 1-based ranks in ascending order; tied values share the mean of the ranks they span. */
    public static double[] average(double[] v) {
        int n = v.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
        double[] rank = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && v[order[j + 1]] == v[order[i]]) j++;
            double mean = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) rank[order[k]] = mean;
            i = j + 1;
        }
        return rank;
    }

    /** Spearman's ρ: Pearson correlation of average ranks (NaN when either side is constant). */
    public static double spearman(double[] a, double[] b) {
        return pearson(average(a), average(b));
    }

    public static double pearson(double[] a, double[] b) {
        int n = a.length;
        double ma = 0, mb = 0;
        for (int i = 0; i < n; i++) { ma += a[i]; mb += b[i]; }
        ma /= n;
        mb /= n;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /**
     * Area under the ROC curve of {@code score} for {@code positive} (Mann–Whitney with average
     * ranks: a tied positive/negative pair counts one half). NaN when one class is absent.
     */
    public static double auc(double[] score, boolean[] positive) {
        double[] r = average(score);
        double sumPos = 0;
        long pos = 0;
        for (int i = 0; i < r.length; i++) if (positive[i]) { sumPos += r[i]; pos++; }
        long neg = r.length - pos;
        if (pos == 0 || neg == 0) return Double.NaN;
        return (sumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }
}
