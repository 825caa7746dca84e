package dev.valuekit.cltv;

import dev.valuekit.table.Batch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One row per customer from a transaction log, in the conventions of lifetimes and the BG/NBD
 * papers: purchases on the same day are one purchase (amounts summed); {@code frequency} counts
 * repeat purchase days in the calibration period; {@code recency} is first to last purchase and
 * {@code T} first purchase to calibration end, in the chosen unit; {@code monetary_value} is the mean
 * of repeat purchases (the Gamma-Gamma input, 0 without repeats). The label {@code ltv} is all spend
 * in (calibration end, holdout end]. Customers whose first purchase falls after the calibration end
 * are not in the calibration cohort and are left out (counted in the result).
 */
public final class RfmFeatures {
    private RfmFeatures() {}

    /** The feature table and how many customers were left out for first buying after calibration. */
    public record Result(Batch table, int customers, int laterCustomers) {}

    public static Result compute(TransactionLog log, FeatureOptions o) {
        int n = log.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        String[] id = log.customer();
        long[] day = log.day();
        Arrays.sort(order, Comparator.<Integer, String>comparing(i -> id[i]).thenComparingLong(i -> day[i]));

        long calEnd = o.calibrationEnd().toEpochDay(), holdEnd = o.holdoutEnd().toEpochDay();
        Columns out = new Columns(o.windows().length);
        int later = 0;
        int start = 0;
        while (start < n) {
            int end = start;
            while (end < n && id[order[end]].equals(id[order[start]])) end++;
            if (day[order[start]] > calEnd) later++;
            else out.add(id[order[start]], customer(log, order, start, end, calEnd, holdEnd, o));
            start = end;
        }
        return new Result(out.toBatch(o), out.size(), later);
    }

    /** Features of one customer whose purchases are order[start..end) sorted by day. */
    private static double[] customer(TransactionLog log, Integer[] order, int start, int end, long calEnd, long holdEnd, FeatureOptions o) {
        PeriodUnit unit = o.unit();
        double[] w = o.windows();
        long firstDay = log.day()[order[start]];
        long lastDay = firstDay;
        double firstAmount = 0, repeatSpend = 0, totalSpend = 0, label = 0;
        int purchaseDays = 0;
        double[] winCount = new double[w.length], winSpend = new double[w.length];
        int k = start;
        while (k < end) {
            long d = log.day()[order[k]];
            double amount = 0;
            while (k < end && log.day()[order[k]] == d) amount += log.amount()[order[k++]];
            if (d > holdEnd) break;
            if (d > calEnd) { label += amount; continue; }
            purchaseDays++;
            totalSpend += amount;
            if (d == firstDay) firstAmount = amount; else repeatSpend += amount;
            lastDay = d;
            for (int j = 0; j < w.length; j++) {
                if (d > calEnd - w[j] * unit.days()) { winCount[j]++; winSpend[j] += amount; }
            }
        }
        int frequency = purchaseDays - 1;
        double[] row = new double[7 + 2 * w.length];
        row[0] = frequency;
        row[1] = unit.of(lastDay - firstDay);
        row[2] = unit.of(calEnd - firstDay);
        row[3] = frequency > 0 ? repeatSpend / frequency : 0;
        row[4] = totalSpend / purchaseDays;
        row[5] = firstAmount;
        row[6] = totalSpend;
        for (int j = 0; j < w.length; j++) { row[7 + 2 * j] = winCount[j]; row[8 + 2 * j] = winSpend[j]; }
        return appendLabel(row, label);
    }

    private static double[] appendLabel(double[] row, double label) {
        double[] r = Arrays.copyOf(row, row.length + 1);
        r[row.length] = label;
        return r;
    }

    /** Column name suffix of a window: 13 → "13w", 0.5 → "0.5w". */
    static String windowName(double w, PeriodUnit unit) {
        String num = w == Math.rint(w) ? Long.toString((long) w) : Double.toString(w);
        return num + unit.label().charAt(0);
    }

    private static final class Columns {
        private final List<String> ids = new ArrayList<>();
        private final List<double[]> rows = new ArrayList<>();
        private final int windows;

        Columns(int windows) { this.windows = windows; }

        void add(String id, double[] row) { ids.add(id); rows.add(row); }

        int size() { return ids.size(); }

        Batch toBatch(FeatureOptions o) {
            int n = ids.size();
            Batch.Builder b = new Batch.Builder(n).addString("customer_id", ids.toArray(new String[0]));
            long[] freq = new long[n];
            for (int i = 0; i < n; i++) freq[i] = (long) rows.get(i)[0];
            b.addLong("frequency", freq);
            String[] names = {"recency", "T", "monetary_value", "monetary_mean", "first_amount", "total_spend"};
            for (int c = 0; c < names.length; c++) b.addDouble(names[c], column(c + 1));
            for (int j = 0; j < windows; j++) {
                String suffix = windowName(o.windows()[j], o.unit());
                b.addDouble("purchases_last_" + suffix, column(7 + 2 * j));
                b.addDouble("spend_last_" + suffix, column(8 + 2 * j));
            }
            b.addDouble("ltv", column(7 + 2 * windows));
            return b.build();
        }

        private double[] column(int c) {
            double[] v = new double[rows.size()];
            for (int i = 0; i < v.length; i++) v[i] = rows.get(i)[c];
            return v;
        }
    }
}
