package dev.valuekit.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Copies rows of an in-memory data set into an ensemble input {@code [members, batch, cols]}. */
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
        double[] buf = new double[members * batch * cols];
        for (int m = 0; m < members; m++) {
            int[] rows = order[m];
            for (int i = 0; i < batch; i++) {
                System.arraycopy(data, rows[start + i] * cols, buf, (m * batch + i) * cols, cols);
            }
        }
        HostMath.of(dst).storeDoubles(buf, dst);
    }
}
