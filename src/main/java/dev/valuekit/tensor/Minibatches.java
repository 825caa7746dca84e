package dev.valuekit.tensor;

import dev.valuekit.common.SeedStreams;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.SplittableRandom;

/**
 * Row orders and row copies of in-memory data sets (row-major {@code double[]} with {@code cols} columns)
 * for minibatch training: every trainer shuffles and gathers the same way.
 */
public final class Minibatches {
    private Minibatches() {}

    /**
     * {@code dst[m, i, :] = data[order[m][start + i], :]} for i < batch, where {@code data} is row-major
     * with {@code cols} columns; each member reads its own row order (its shuffle or bootstrap).
     */
    public static void gather(double[] data, int cols, int[][] order, int start, int batch, INDArray dst) {
        int members = order.length;
        if (dst.rank() != 3 || dst.size(0) != members || dst.size(1) != batch || dst.size(2) != cols) {
            throw new IllegalArgumentException("destination must be [" + members + ", " + batch + ", " + cols + "]");
        }
        HostMath.of(dst).storeDoubles(gatherRows(data, cols, order, start, batch), dst);
    }

    /** The rows {@link #gather} copies, as a row-major {@code [members, batch, cols]} array. */
    public static double[] gatherRows(double[] data, int cols, int[][] order, int start, int batch) {
        double[] out = new double[order.length * batch * cols];
        for (int m = 0; m < order.length; m++) {
            for (int i = 0; i < batch; i++) System.arraycopy(data, order[m][start + i] * cols, out, (m * batch + i) * cols, cols);
        }
        return out;
    }

    /** The rows {@code idx} of {@code data}, in that order. */
    public static double[] rows(double[] data, int cols, int[] idx) {
        double[] out = new double[idx.length * cols];
        for (int i = 0; i < idx.length; i++) System.arraycopy(data, idx[i] * cols, out, i * cols, cols);
        return out;
    }

    /**
     * One epoch's row orders: each member's base order shuffled, members in turn from one generator
     * seeded by (seed, epoch), so a run resumed at any epoch sees the same orders as an uninterrupted one.
     */
    public static int[][] epochOrders(int[][] base, long seed, int epoch) {
        SplittableRandom rng = new SplittableRandom(SeedStreams.epochShuffle(seed, epoch));
        int[][] o = new int[base.length][];
        for (int m = 0; m < base.length; m++) {
            o[m] = base[m].clone();
            shuffle(o[m], rng);
        }
        return o;
    }

    /** Fisher–Yates shuffle in place. */
    public static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
    }
}
