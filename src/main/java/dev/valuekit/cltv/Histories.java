package dev.valuekit.cltv;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Customers' calibration summaries (x repeat purchases, recency t_x, age T) with identical histories
 * merged into one weighted row: the likelihood only depends on (x, t_x, T), and real logs repeat
 * them a lot (every one-time buyer of the same day), so fitting works on far fewer rows.
 */
public record Histories(double[] x, double[] tx, double[] t, double[] weight) {

    public int size() { return x.length; }

    public double totalWeight() {
        double s = 0;
        for (double w : weight) s += w;
        return s;
    }

    /** Groups identical (x, t_x, T) triples; the order is that of first appearance. */
    public static Histories grouped(double[] x, double[] tx, double[] t) {
        Map<Key, double[]> groups = new LinkedHashMap<>();
        for (int i = 0; i < x.length; i++) {
            groups.computeIfAbsent(new Key(x[i], tx[i], t[i]), k -> new double[1])[0] += 1;
        }
        int n = groups.size(), i = 0;
        double[] gx = new double[n], gtx = new double[n], gt = new double[n], w = new double[n];
        for (Map.Entry<Key, double[]> e : groups.entrySet()) {
            gx[i] = e.getKey().x; gtx[i] = e.getKey().tx; gt[i] = e.getKey().t; w[i] = e.getValue()[0];
            i++;
        }
        return new Histories(gx, gtx, gt, w);
    }

    private record Key(double x, double tx, double t) {}
}
