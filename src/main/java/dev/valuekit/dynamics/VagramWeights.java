package dev.valuekit.dynamics;

import java.util.Arrays;

/**
 * VaGraM's per-row, per-dimension state weights {@code w = |∂V/∂s'|} at the data's next state, each
 * dimension clipped from above at a percentile of its magnitudes over the training rows (so a few rows
 * where the value function is steep cannot dominate the loss).
 *
 * <p>The papers' code (pairlab/vagram, cvoelcker/jax_mbpo) clips the gradient's norm per row at the
 * 95th percentile of norms instead; clipping each dimension keeps one noisy dimension from rescaling
 * the others, and is what valuekit's contract (issue 4) asks for.
 */
public final class VagramWeights {
    public static final double DEFAULT_PERCENTILE = 95;

    private final int dims;
    private final double[] weights;
    private final double[] bounds;

    private VagramWeights(int dims, double[] weights, double[] bounds) {
        this.dims = dims;
        this.weights = weights;
        this.bounds = bounds;
    }

    /**
     * @param gradient   ∂V/∂s' for every row of the data ({@code rows × dims}, row-major, raw units)
     * @param trainRows  the rows whose magnitudes set each dimension's bound
     * @param percentile in (0, 100]; linear interpolation between order statistics (NumPy's default)
     */
    public static VagramWeights clipped(double[] gradient, int dims, int[] trainRows, double percentile) {
        if (dims < 1 || gradient.length % dims != 0) throw new IllegalArgumentException("gradient is not rows x " + dims);
        if (trainRows.length == 0) throw new IllegalArgumentException("no training rows");
        double[] bounds = new double[dims];
        double[] col = new double[trainRows.length];
        for (int j = 0; j < dims; j++) {
            for (int i = 0; i < trainRows.length; i++) col[i] = Math.abs(gradient[trainRows[i] * dims + j]);
            bounds[j] = percentile(col, percentile);
        }
        double[] w = new double[gradient.length];
        for (int i = 0; i < w.length; i++) w[i] = Math.min(Math.abs(gradient[i]), bounds[i % dims]);
        return new VagramWeights(dims, w, bounds);
    }

    /** The p-th percentile (0..100) with linear interpolation; sorts {@code a} in place. */
    static double percentile(double[] a, double p) {
        Arrays.sort(a);
        double pos = p / 100 * (a.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, a.length - 1);
        return a[lo] + (pos - lo) * (a[hi] - a[lo]);
    }

    public int dims() { return dims; }
    /** Weights of every data row, {@code rows × dims}. */
    public double[] weights() { return weights; }
    /** Each dimension's clipping bound. */
    public double[] bounds() { return bounds.clone(); }

    /** Mean weight per dimension over the given rows (a summary for logs). */
    public double[] mean(int[] rows) {
        double[] m = new double[dims];
        for (int r : rows) for (int j = 0; j < dims; j++) m[j] += weights[r * dims + j] / rows.length;
        return m;
    }
}
