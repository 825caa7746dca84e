package dev.valuekit.fit;

import dev.valuekit.tensor.Param;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Early stopping with best-epoch restore. The tracked parameters are split into {@code slices} equal
 * parts along their first axis (one per ensemble member, or a single slice for the whole model); each
 * slice keeps the values of the epoch with its best held-out score (lower is better), counting as an
 * improvement only a relative gain above {@code threshold}. Training stops once no slice has improved
 * for {@code patience} epochs. Without a holdout every epoch counts as the best (the last one is kept)
 * and nothing stops early.
 */
public final class EarlyStopping {
    private final List<Param> tracked;
    private final int slices;
    private final double threshold;
    private final int patience;
    private final boolean holdout;
    private double[] best;
    private Map<String, double[]> values;
    private int since;
    private boolean stopped;

    /**
     * @param initial each slice's held-out score before training (the starting point to beat); ignored
     *                without a holdout
     */
    public EarlyStopping(List<Param> tracked, int slices, boolean holdout, double[] initial, double threshold, int patience) {
        this(tracked, slices, holdout, holdout ? initial.clone() : filled(slices, Double.POSITIVE_INFINITY), null, 0, threshold, patience);
    }

    /** Continues from a saved state (a checkpoint): best scores, best values and epochs since the last improvement. */
    public static EarlyStopping resume(List<Param> tracked, int slices, boolean holdout, double[] best, Map<String, double[]> values,
                                       int since, double threshold, int patience) {
        return new EarlyStopping(tracked, slices, holdout, best.clone(), new LinkedHashMap<>(values), since, threshold, patience);
    }

    private EarlyStopping(List<Param> tracked, int slices, boolean holdout, double[] best, Map<String, double[]> values, int since,
                          double threshold, int patience) {
        if (best.length != slices) throw new IllegalArgumentException("need one score per slice: " + best.length + " vs " + slices);
        this.tracked = List.copyOf(tracked);
        this.slices = slices;
        this.holdout = holdout;
        this.best = best;
        this.values = values != null ? values : snapshot();
        this.since = since;
        this.threshold = threshold;
        this.patience = patience;
        this.stopped = holdout && since >= patience;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    /**
     * Records an epoch's scores per slice: held-out (null without a holdout) and training. Returns
     * whether any slice improved.
     */
    public boolean update(double[] heldOut, double[] train) {
        boolean improved = false;
        if (holdout) {
            Map<String, double[]> now = null;
            for (int s = 0; s < slices; s++) {
                if ((best[s] - heldOut[s]) / Math.abs(best[s]) > threshold) {
                    if (now == null) now = snapshot();
                    copySlice(now, values, s);
                    best[s] = heldOut[s];
                    improved = true;
                }
            }
        } else {
            best = train.clone();
            values = snapshot();
            improved = true;
        }
        since = improved ? 0 : since + 1;
        stopped = holdout && since >= patience;
        return improved;
    }

    public boolean holdout() { return holdout; }
    public int slices() { return slices; }
    /** Each slice's best score so far (held-out, or the last training score without a holdout). */
    public double[] best() { return best.clone(); }
    /** The best values of the tracked parameters, by name (for checkpoints). */
    public Map<String, double[]> values() { return new LinkedHashMap<>(values); }
    public int sinceImprovement() { return since; }
    public boolean stopped() { return stopped; }

    /** Puts each slice's best values back into the tracked parameters. */
    public void restore() {
        for (Param p : tracked) {
            double[] v = values.get(p.name());
            if (v != null) p.set(v);
        }
    }

    private Map<String, double[]> snapshot() {
        Map<String, double[]> v = new LinkedHashMap<>();
        for (Param p : tracked) v.put(p.name(), p.toDoubleArray());
        return v;
    }

    private void copySlice(Map<String, double[]> from, Map<String, double[]> to, int s) {
        for (Map.Entry<String, double[]> e : from.entrySet()) {
            double[] src = e.getValue();
            int len = src.length / slices;
            System.arraycopy(src, s * len, to.get(e.getKey()), s * len, len);
        }
    }
}
