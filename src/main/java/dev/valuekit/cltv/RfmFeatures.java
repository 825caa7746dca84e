package dev.valuekit.cltv;

import dev.valuekit.table.Batch;

import java.util.Arrays;

/**
 * One row per customer from a transaction log, in the conventions of lifetimes and the BG/NBD
 * papers: purchases on the same day are one purchase (amounts summed); {@code frequency} counts
 * repeat purchase days in the calibration period; {@code recency} is first to last purchase and
 * {@code T} first purchase to calibration end, in the chosen unit; {@code monetary_value} is the mean
 * of repeat purchases (the Gamma-Gamma input, 0 without repeats). The label {@code ltv} is all spend
 * in (calibration end, holdout end]. Customers whose first purchase falls after the calibration end
 * are not in the calibration cohort and are left out (counted in the result). Rows are in customer id order.
 *
 * <p>Memory: besides the log (16 bytes a purchase) one int per purchase (the grouping order) and a few
 * ints per customer; the feature columns are filled in place, one slot per customer.
 */
public final class RfmFeatures {
    private static final int FIXED = 7;

    private RfmFeatures() {}

    /**
     * The feature table, how many customers were left out for first buying after calibration, and per
     * table row the number of purchase days in the label window (for calibration-versus-holdout checks;
     * not a feature, since it is the label's count).
     */
    public record Result(Batch table, int customers, int laterCustomers, double[] holdoutPurchases) {}

    public static Result compute(TransactionLog log, FeatureOptions o) {
        int n = log.size(), c = log.customers();
        int[] rank = idRanks(log);
        // start[k] .. start[k + 1]: the purchases of the customer ranked k.
        int[] start = new int[c + 1];
        for (int i = 0; i < n; i++) start[rank[log.customerOf(i)] + 1]++;
        for (int k = 0; k < c; k++) start[k + 1] += start[k];
        int[] order = groupByCustomer(log, rank, start);

        long calEnd = o.calibrationEnd().toEpochDay(), holdEnd = o.holdoutEnd().toEpochDay();
        int windows = o.windows().length, width = FIXED + 2 * windows + 1;
        double[][] cols = new double[width][c];
        double[] holdout = new double[c];
        String[] ids = new String[c];
        int rows = 0, later = 0;
        for (int k = 0; k < c; k++) {
            int first = order[start[k]];
            if (log.dayOf(first) > calEnd) { later++; continue; }
            ids[rows] = log.id(log.customerOf(first));
            holdout[rows] = customer(log, order, start[k], start[k + 1], calEnd, holdEnd, o, cols, rows);
            rows++;
        }
        return new Result(toBatch(ids, cols, rows, o), rows, later, Arrays.copyOf(holdout, rows));
    }

    /** rank[k] = position of customer k's id in sorted id order. */
    private static int[] idRanks(TransactionLog log) {
        int c = log.customers();
        Integer[] byId = new Integer[c];
        for (int k = 0; k < c; k++) byId[k] = k;
        Arrays.sort(byId, (a, b) -> log.id(a).compareTo(log.id(b)));
        int[] rank = new int[c];
        for (int r = 0; r < c; r++) rank[byId[r]] = r;
        return rank;
    }

    /**
     * Purchase indices grouped by customer rank (counting sort), each customer's purchases by day and,
     * within a day, in log order (so same-day amounts are summed in the order they were read).
     */
    private static int[] groupByCustomer(TransactionLog log, int[] rank, int[] start) {
        int n = log.size(), c = log.customers();
        int[] next = Arrays.copyOf(start, c);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[next[rank[log.customerOf(i)]]++] = i;
        long[] keys = new long[0];
        for (int k = 0; k < c; k++) {
            int from = start[k], len = start[k + 1] - from;
            if (len < 2) continue;
            if (keys.length < len) keys = new long[Math.max(len, 2 * keys.length)];
            for (int j = 0; j < len; j++) keys[j] = ((long) log.dayOf(order[from + j]) << 32) | order[from + j];
            Arrays.sort(keys, 0, len);
            for (int j = 0; j < len; j++) order[from + j] = (int) keys[j];
        }
        return order;
    }

    /**
     * Writes the features of one customer (purchases order[start..end), sorted by day) into row {@code row}
     * of {@code cols}; returns the number of purchase days in the label window.
     */
    private static double customer(TransactionLog log, int[] order, int start, int end, long calEnd, long holdEnd, FeatureOptions o,
                                   double[][] cols, int row) {
        PeriodUnit unit = o.unit();
        double[] w = o.windows();
        long firstDay = log.dayOf(order[start]);
        long lastDay = firstDay;
        double firstAmount = 0, repeatSpend = 0, totalSpend = 0, label = 0, holdoutDays = 0;
        int purchaseDays = 0;
        int k = start;
        while (k < end) {
            long d = log.dayOf(order[k]);
            double amount = 0;
            while (k < end && log.dayOf(order[k]) == d) amount += log.amountOf(order[k++]);
            if (d > holdEnd) break;
            if (d > calEnd) { label += amount; holdoutDays++; continue; }
            purchaseDays++;
            totalSpend += amount;
            if (d == firstDay) firstAmount = amount; else repeatSpend += amount;
            lastDay = d;
            for (int j = 0; j < w.length; j++) {
                if (d > calEnd - w[j] * unit.days()) { cols[FIXED + 2 * j][row]++; cols[FIXED + 2 * j + 1][row] += amount; }
            }
        }
        int frequency = purchaseDays - 1;
        cols[0][row] = frequency;
        cols[1][row] = unit.of(lastDay - firstDay);
        cols[2][row] = unit.of(calEnd - firstDay);
        cols[3][row] = frequency > 0 ? repeatSpend / frequency : 0;
        cols[4][row] = totalSpend / purchaseDays;
        cols[5][row] = firstAmount;
        cols[6][row] = totalSpend;
        cols[FIXED + 2 * w.length][row] = label;
        return holdoutDays;
    }

    /** Column name suffix of a window: 13 → "13w", 0.5 → "0.5w". */
    static String windowName(double w, PeriodUnit unit) {
        String num = w == Math.rint(w) ? Long.toString((long) w) : Double.toString(w);
        return num + unit.label().charAt(0);
    }

    private static Batch toBatch(String[] ids, double[][] cols, int rows, FeatureOptions o) {
        Batch.Builder b = new Batch.Builder(rows).addString("customer_id", trim(ids, rows));
        long[] freq = new long[rows];
        for (int i = 0; i < rows; i++) freq[i] = (long) cols[0][i];
        b.addLong("frequency", freq);
        String[] names = {"recency", "T", "monetary_value", "monetary_mean", "first_amount", "total_spend"};
        for (int c = 0; c < names.length; c++) b.addDouble(names[c], trim(cols[c + 1], rows));
        for (int j = 0; j < o.windows().length; j++) {
            String suffix = windowName(o.windows()[j], o.unit());
            b.addDouble("purchases_last_" + suffix, trim(cols[FIXED + 2 * j], rows));
            b.addDouble("spend_last_" + suffix, trim(cols[FIXED + 2 * j + 1], rows));
        }
        b.addDouble("ltv", trim(cols[FIXED + 2 * o.windows().length], rows));
        return b.build();
    }

    /** The first {@code rows} entries (the array itself when it has exactly that many). */
    private static double[] trim(double[] a, int rows) {
        return a.length == rows ? a : Arrays.copyOf(a, rows);
    }

    private static String[] trim(String[] a, int rows) {
        return a.length == rows ? a : Arrays.copyOf(a, rows);
    }
}
