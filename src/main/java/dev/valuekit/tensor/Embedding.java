package dev.valuekit.tensor;

import java.util.SplittableRandom;

/**
 * A lookup table {@code [rows, dim]} mapping category indices to trainable vectors. The table is a
 * {@link Param}, so optimisers, clipping and artifacts treat it like any weight. Lookups write into
 * and gradients read from caller-owned row-major double arrays (the network input and its input
 * gradient), at a column offset: several embeddings and numeric columns share one input row.
 */
public final class Embedding {
    private final Param table;
    private final int rows;
    private final int dim;
    private double[] values;

    public Embedding(String name, int rows, int dim) {
        this(name, rows, dim, Nd4jRuntime.defaultPrecision());
    }

    public Embedding(String name, int rows, int dim, Precision precision) {
        if (rows < 1 || dim < 1) throw new IllegalArgumentException(name + ": rows and dim must be positive");
        this.rows = rows;
        this.dim = dim;
        this.table = new Param(name, precision, rows, dim);
    }

    public Param param() { return table; }
    public int rows() { return rows; }
    public int dim() { return dim; }

    /** Normal(0, std²) entries, drawn row by row from {@code rng}; the rows listed in {@code zeroRows} stay 0. */
    public void initNormal(SplittableRandom rng, double std, int... zeroRows) {
        double[] v = new double[rows * dim];
        for (int i = 0; i < v.length; i++) v[i] = std * rng.nextGaussian();
        for (int r : zeroRows) java.util.Arrays.fill(v, r * dim, (r + 1) * dim, 0.0);
        table.set(v);
        values = null;
    }

    /** Re-reads the table after the optimiser changed it; lookups use the values read last. */
    public void refresh() {
        values = HostMath.toDoubles(table.value());
    }

    /**
     * For each of {@code n} rows: {@code dst[r·dstStride + dstOff .. + dim) = table[index[r·idxStride + idxOff]]}.
     */
    public void lookup(int[] index, int idxStride, int idxOff, int n, double[] dst, int dstStride, int dstOff) {
        if (values == null) refresh();
        for (int r = 0; r < n; r++) {
            int k = index[r * idxStride + idxOff];
            if (k < 0 || k >= rows) throw new IllegalArgumentException("embedding index " + k + " outside [0, " + rows + ")");
            System.arraycopy(values, k * dim, dst, r * dstStride + dstOff, dim);
        }
    }

    /** Adds the rows' input-gradient slices into the table's gradient (repeated indices accumulate). */
    public void accumulateGradient(int[] index, int idxStride, int idxOff, int n, double[] grad, int gradStride, int gradOff) {
        double[] g = HostMath.toDoubles(table.grad());
        for (int r = 0; r < n; r++) {
            int k = index[r * idxStride + idxOff];
            int src = r * gradStride + gradOff;
            for (int j = 0; j < dim; j++) g[k * dim + j] += grad[src + j];
        }
        HostMath.of(table.grad()).storeDoubles(g, table.grad());
    }
}
