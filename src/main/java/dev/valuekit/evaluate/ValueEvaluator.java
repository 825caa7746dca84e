package dev.valuekit.evaluate;

import dev.valuekit.value.Credit;
import dev.valuekit.value.Episodes;
import dev.valuekit.value.FittedValue;
import dev.valuekit.value.MonteCarlo;
import dev.valuekit.table.Transitions;
import dev.valuekit.value.ValueArtifacts;

import java.util.SplittableRandom;

/**
 * Compares a fitted value with the data's own Monte-Carlo returns (discounted with the model's γ; rows of
 * episodes without a terminal end whose missing tail weighs more than {@code dropTolerance} are left out).
 * Q models are evaluated at the data's actions; the TD error uses V(s'), for Q the next row's action
 * (an agent: its actor's mean action at s').
 */
public final class ValueEvaluator {
    private ValueEvaluator() {}

    public static ValueReport evaluate(FittedValue v, Transitions d, double dropTolerance, long seed) {
        int n = d.rows(), od = d.obsDim(), k = d.actDim();
        boolean q = v.isQ();
        double[] x = q ? Transitions.concatRows(d.obs(), d.act(), n) : d.obs();
        double[] raw = v.critics().predict(x, n);
        int m = v.critics().members();
        double[] pred = new double[n];
        for (int i = 0; i < n; i++) pred[i] = v.aggregation().apply(raw, m, n, i);
        Episodes eps = Episodes.of(d);
        double[] g = MonteCarlo.returns(d, eps, v.gamma(), Credit.SUM, dropTolerance);
        int c = 0;
        for (double r : g) if (!Double.isNaN(r)) c++;
        double[] pc = new double[c], gc = new double[c];
        double se = 0;
        for (int i = 0, j = 0; i < n; i++) {
            if (Double.isNaN(g[i])) continue;
            pc[j] = pred[i];
            gc[j] = g[i];
            se += (pred[i] - g[i]) * (pred[i] - g[i]);
            j++;
        }
        double meanP = Stats.mean(pc), meanG = Stats.mean(gc);
        double[] td = tdError(v, d, eps, pred);
        int[] init = eps.initialRows();
        double iv = 0, ir = 0;
        int irn = 0;
        for (int r : init) {
            iv += pred[r] / init.length;
            if (!Double.isNaN(g[r])) { ir += g[r]; irn++; }
        }
        double stdData = Double.NaN, stdRandom = Double.NaN;
        if (q) {
            stdData = meanStd(raw, m, n);
            double[][] range = d.actRange();
            double[] lo = range[0], hi = range[1];
            SplittableRandom rng = new SplittableRandom(seed);
            double[] ra = new double[n * k];
            for (int i = 0; i < n * k; i++) ra[i] = lo[i % k] + (hi[i % k] - lo[i % k]) * rng.nextDouble();
            stdRandom = meanStd(v.critics().predict(Transitions.concatRows(d.obs(), ra, n), n), m, n);
        }
        return new ValueReport(v.source(), v.kind(), v.method(), v.gamma(), m, n, c, c == 0 ? Double.NaN : Math.sqrt(se / c),
                meanP - meanG, c < 2 ? Double.NaN : Ranks.spearman(pc, gc), meanP, meanG, td[0], (int) td[1], iv,
                irn == 0 ? Double.NaN : ir / irn, stdData, stdRandom);
    }

    /** {mean squared TD error, rows used}. */
    private static double[] tdError(FittedValue v, Transitions d, Episodes eps, double[] pred) {
        int n = d.rows(), od = d.obsDim(), k = d.actDim();
        boolean agent = v.kind().equals(ValueArtifacts.AGENT);
        int[] rows = java.util.stream.IntStream.range(0, n)
                .filter(r -> d.terminal()[r] || !v.isQ() || agent || eps.successor(r) >= 0).toArray();
        if (rows.length == 0) return new double[] {Double.NaN, 0};
        int u = rows.length;
        double[] next = new double[u * od];
        for (int i = 0; i < u; i++) System.arraycopy(d.nextObs(), rows[i] * od, next, i * od, od);
        double[] x = next;
        if (v.isQ()) {
            double[] a = new double[u * k];
            if (agent) {
                a = v.actions() > 0 ? v.greedyActions(next, u) : v.actor().meanAction(next, u);
            } else {
                for (int i = 0; i < u; i++) {
                    int s = eps.successor(rows[i]);
                    if (s >= 0) System.arraycopy(d.act(), s * k, a, i * k, k);
                }
            }
            x = Transitions.concatRows(next, a, u);
        }
        double[] nv = v.value(x, u);
        double se = 0;
        for (int i = 0; i < u; i++) {
            int r = rows[i];
            double y = d.reward()[r] + (d.terminal()[r] ? 0 : v.gamma() * nv[i]);
            se += (pred[r] - y) * (pred[r] - y);
        }
        return new double[] {se / u, u};
    }

    private static double meanStd(double[] q, int m, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double mu = 0, ss = 0;
            for (int j = 0; j < m; j++) mu += q[j * n + i] / m;
            for (int j = 0; j < m; j++) ss += (q[j * n + i] - mu) * (q[j * n + i] - mu);
            s += Math.sqrt(ss / m);
        }
        return s / n;
    }
}
