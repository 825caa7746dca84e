package dev.valuekit.adapt;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/** Singular value decompositions in f64: exact (LAPACK) and randomized (Halko–Martinsson–Tropp). */
public final class Svd {
    private Svd() {}

    /** Thin SVD of a 2-D matrix: k = min(m, n) components, singular values descending. */
    public static SvdResult full(INDArray w) {
        requireMatrix(w);
        return Lapack.thinSvd(w);
    }

    /**
     * Rank-k SVD from a randomized range sketch (HMT 2011, Alg. 4.4 + 5.1): Y = W·Ω with Gaussian Ω
     * [n, k+p]; q power iterations Y ← W·orth(Wᵀ·orth(Y)), orthonormalising every product so the
     * sketch keeps the directions of small singular values; then the small SVD of Qᵀ·W. Finds only the
     * dominant subspace: the trailing components it returns are not the matrix's minor ones.
     */
    public static SvdResult randomized(INDArray w, RandomizedSvdOptions o) {
        requireMatrix(w);
        INDArray a = w.dataType() == DataType.DOUBLE ? w : w.castTo(DataType.DOUBLE);
        long m = a.size(0), n = a.size(1);
        int k = (int) Math.min(o.rank(), Math.min(m, n));
        int width = (int) Math.min((long) k + o.oversampling(), Math.min(m, n));
        INDArray q = Lapack.orthonormalBasis(a.mmul(gaussian(n, width, o.seed())));
        for (int i = 0; i < o.powerIterations(); i++) {
            INDArray z = Lapack.orthonormalBasis(a.transpose().mmul(q));
            q = Lapack.orthonormalBasis(a.mmul(z));
        }
        SvdResult small = Lapack.thinSvd(q.transpose().mmul(a)); // [width, n]
        SvdResult lifted = new SvdResult(q.mmul(small.u()), small.s(), small.vt());
        return lifted.principal(k);
    }

    /** Either decomposition; the randomized one keeps {@code rank} components. */
    public static SvdResult compute(INDArray w, SvdMode mode, RandomizedSvdOptions randomized) {
        return mode == SvdMode.FULL ? full(w) : randomized(w, randomized);
    }

    /** Standard normal entries from a seeded generator: the same seed gives the same sketch. */
    static INDArray gaussian(long rows, int cols, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[Math.toIntExact(rows * cols)];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextGaussian();
        return Nd4j.create(v, new long[] {rows, cols}, DataType.DOUBLE);
    }

    static void requireMatrix(INDArray w) {
        if (w.rank() != 2) throw new IllegalArgumentException("SVD needs a 2-D matrix, got shape " + java.util.Arrays.toString(w.shape()));
        if (w.size(0) < 1 || w.size(1) < 1) throw new IllegalArgumentException("SVD of an empty matrix");
    }
}
