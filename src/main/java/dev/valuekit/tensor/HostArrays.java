package dev.valuekit.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between Java double arrays and dense runtime-precision ND4J arrays, for callers outside
 * this package that assemble inputs and output gradients row by row (per-row losses, embeddings).
 */
public final class HostArrays {
    private HostArrays() {}

    /** A dense c-order array of the given precision, zero-filled. */
    public static INDArray create(Precision precision, long... shape) {
        Nd4jRuntime.ensure();
        return Nd4j.create(DataTypes.of(precision), shape, 'c');
    }

    /** All values of {@code a}, row-major, as doubles (copied). */
    public static double[] toDoubles(INDArray a) {
        return HostMath.toDoubles(a);
    }

    /** {@code dst[0..src.length) = src}; {@code dst} must be dense c-order (as {@link #create} makes). */
    public static void store(double[] src, INDArray dst) {
        if (src.length > dst.length()) throw new IllegalArgumentException(src.length + " values for an array of " + dst.length());
        HostMath.of(dst).storeDoubles(src, dst);
    }

    /** Copies the first {@code len} values of a dense array into {@code dst}. */
    public static void load(INDArray src, double[] dst, int len) {
        HostMath.of(src).loadDoubles(src, 0, dst, 0, len);
    }
}
