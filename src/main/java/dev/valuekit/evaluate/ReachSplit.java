package dev.valuekit.evaluate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which final states of k-step truncated rollouts are at the edge of reach (Sims et al. 2024): states the
 * critics only ever meet as a bootstrap target (the last next-state of a rollout), never as a training input.
 *
 * <p>The training inputs are the data's states (rollouts start there) and every rollout's states at steps
 * 1..k−1. In a continuous space a final state never coincides exactly with any of them, so "is a training
 * input" is read at the data's own resolution: distances are Euclidean in observations scaled by the data's
 * per-column standard deviation, and the radius τ is the 99th percentile of the distance from a data state
 * to its nearest other data state (over up to {@value #CALIBRATION_ROWS} seeded data rows). A final state is
 * at the edge of reach when no training input lies within τ of it — the inputs of its own rollout excepted,
 * since its own step k−1 is always one step away and says nothing about coverage. Rollouts that terminated
 * before step k have no final state (nothing is bootstrapped from a terminal state).
 */
public final class ReachSplit {
    static final int CALIBRATION_ROWS = 1000;
    static final double QUANTILE = 0.99;

    private final double[] scale;
    private final double radius;
    private final boolean[] edge;
    private final int finals;

    /**
     * @param data      data observations, {@code rows × d}
     * @param states    {@code states[t]} = the rollouts' observations after t steps, {@code n × d}, t = 0..k
     * @param alive     {@code alive[t][i]}: rollout i has not terminated before step t (so states[t][i] exists)
     */
    public ReachSplit(double[] data, int rows, int d, double[][] states, boolean[][] alive, long seed) {
        int k = states.length - 1, n = alive[0].length;
        if (k < 1) throw new IllegalArgumentException("horizon < 1");
        scale = new double[d];
        for (int j = 0; j < d; j++) {
            double mu = 0, ss = 0;
            for (int r = 0; r < rows; r++) mu += data[r * d + j] / rows;
            for (int r = 0; r < rows; r++) ss += (data[r * d + j] - mu) * (data[r * d + j] - mu);
            double sd = Math.sqrt(ss / rows);
            scale[j] = sd > 0 ? 1 / sd : 1;
        }
        radius = calibrate(data, rows, d, seed);
        edge = new boolean[n];
        int f = 0;
        for (int i = 0; i < n; i++) {
            if (!alive[k][i]) continue;
            f++;
            double[] s = Arrays.copyOfRange(states[k], i * d, (i + 1) * d);
            boolean covered = nearest(s, data, rows, d, -1) <= radius;
            for (int t = 1; t < k && !covered; t++) {
                for (int j = 0; j < n && !covered; j++) {
                    if (j != i && alive[t][j] && dist(s, states[t], j, d) <= radius) covered = true;
                }
            }
            edge[i] = !covered;
        }
        finals = f;
    }

    /** The coverage radius τ in scaled units. */
    public double radius() { return radius; }

    /** Whether rollout i's final state is at the edge of reach (false when it terminated early). */
    public boolean isEdge(int i) { return edge[i]; }

    /** Rollouts that reached step k. */
    public int finals() { return finals; }

    public int edges() {
        int c = 0;
        for (boolean e : edge) if (e) c++;
        return c;
    }

    private double calibrate(double[] data, int rows, int d, long seed) {
        if (rows < 2) return 0;
        int m = Math.min(rows, CALIBRATION_ROWS);
        int[] pick = new int[m];
        if (m == rows) {
            for (int r = 0; r < rows; r++) pick[r] = r;
        } else {
            SplittableRandom rng = new SplittableRandom(seed);
            for (int r = 0; r < m; r++) pick[r] = rng.nextInt(rows);
        }
        double[] nn = new double[m];
        for (int r = 0; r < m; r++) nn[r] = nearest(Arrays.copyOfRange(data, pick[r] * d, (pick[r] + 1) * d), data, rows, d, pick[r]);
        Arrays.sort(nn);
        return nn[(int) Math.min(m - 1, Math.ceil(QUANTILE * m) - 1)];
    }

    /** Distance from s to the nearest row of {@code set} other than {@code skip}. */
    private double nearest(double[] s, double[] set, int rows, int d, int skip) {
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < rows; r++) if (r != skip) best = Math.min(best, dist(s, set, r, d));
        return best;
    }

    private double dist(double[] s, double[] set, int r, int d) {
        double ss = 0;
        for (int j = 0; j < d; j++) {
            double z = (s[j] - set[r * d + j]) * scale[j];
            ss += z * z;
        }
        return Math.sqrt(ss);
    }
}
