package dev.valuekit.cltv.optim;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Derivative-free simplex search (standard reflection 1, expansion 2, contraction ½, shrink ½).
 * Robust far from the optimum, where the likelihood surface of mixture models is badly scaled; the
 * result is then polished with {@link Bfgs}.
 */
public final class NelderMead {
    private final double step;
    private final double tolerance;
    private final double pointTolerance;
    private final int maxIterations;

    /**
     * @param step           initial simplex edge
     * @param tolerance      stop when the simplex values span less than this (relative) ...
     * @param pointTolerance ... and its vertices lie within this distance of the best one
     */
    public NelderMead(double step, double tolerance, double pointTolerance, int maxIterations) {
        this.step = step;
        this.tolerance = tolerance;
        this.pointTolerance = pointTolerance;
        this.maxIterations = maxIterations;
    }

    public Minimum minimize(Objective f, double[] start) {
        int n = start.length;
        double[][] p = new double[n + 1][];
        double[] v = new double[n + 1];
        p[0] = start.clone();
        for (int i = 0; i < n; i++) {
            p[i + 1] = start.clone();
            p[i + 1][i] += step;
        }
        for (int i = 0; i <= n; i++) v[i] = safe(f.value(p[i]));
        Integer[] order = new Integer[n + 1];
        int it = 0;
        for (; it < maxIterations; it++) {
            for (int i = 0; i <= n; i++) order[i] = i;
            Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
            int best = order[0], worst = order[n], second = order[n - 1];
            if (Math.abs(v[worst] - v[best]) <= tolerance * (Math.abs(v[best]) + 1e-12) && spread(p, best) < pointTolerance) break;
            double[] centroid = new double[n];
            for (int i = 0; i <= n; i++) {
                if (i == worst) continue;
                for (int j = 0; j < n; j++) centroid[j] += p[i][j] / n;
            }
            double[] reflected = along(centroid, p[worst], -1);
            double fr = safe(f.value(reflected));
            if (fr < v[best]) {
                double[] expanded = along(centroid, p[worst], -2);
                double fe = safe(f.value(expanded));
                if (fe < fr) { p[worst] = expanded; v[worst] = fe; } else { p[worst] = reflected; v[worst] = fr; }
            } else if (fr < v[second]) {
                p[worst] = reflected; v[worst] = fr;
            } else {
                boolean outside = fr < v[worst];
                double[] contracted = along(centroid, outside ? reflected : p[worst], 0.5);
                double fc = safe(f.value(contracted));
                if (fc < Math.min(fr, v[worst])) {
                    p[worst] = contracted; v[worst] = fc;
                } else {
                    for (int i = 0; i <= n; i++) {
                        if (i == best) continue;
                        p[i] = along(p[best], p[i], 0.5);
                        v[i] = safe(f.value(p[i]));
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i <= n; i++) if (v[i] < v[best]) best = i;
        return new Minimum(p[best], v[best], it, it < maxIterations);
    }

    /** from + t (to − from). */
    private static double[] along(double[] from, double[] to, double t) {
        double[] out = new double[from.length];
        for (int j = 0; j < from.length; j++) out[j] = from[j] + t * (to[j] - from[j]);
        return out;
    }

    private static double spread(double[][] p, int best) {
        double s = 0;
        for (double[] q : p) for (int j = 0; j < q.length; j++) s = Math.max(s, Math.abs(q[j] - p[best][j]));
        return s;
    }

    private static double safe(double v) {
        return Double.isFinite(v) ? v : Double.MAX_VALUE;
    }
}
