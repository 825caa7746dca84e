package dev.valuekit.adapt;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A (possibly truncated) singular value decomposition W ≈ U·diag(S)·Vt, all f64 row-major:
 * U [m, k] with orthonormal columns, S [k] in descending order, Vt [k, n] with orthonormal rows.
 */
public record SvdResult(INDArray u, INDArray s, INDArray vt) {
    public int rank() { return Math.toIntExact(s.length()); }

    public long rows() { return u.size(0); }

    public long cols() { return vt.size(1); }

    /** The singular values as a Java array (descending). */
    public double[] singularValues() { return s.toDoubleVector(); }

    /** Components [from, to) (0-based, to exclusive), copied. */
    public SvdResult slice(int from, int to) {
        if (from < 0 || to > rank() || from >= to) {
            throw new IllegalArgumentException("components [" + from + ", " + to + ") out of 0.." + rank());
        }
        return new SvdResult(
                u.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to)).dup('c'),
                s.get(NDArrayIndex.interval(from, to)).dup('c'),
                vt.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup('c'));
    }

    /** The r largest components (the principal subspace). */
    public SvdResult principal(int r) { return slice(0, r); }

    /** The r smallest components (the minor subspace). Meaningful only for a full SVD. */
    public SvdResult minor(int r) { return slice(rank() - r, rank()); }

    /** U·diag(S)·Vt. */
    public INDArray reconstruct() {
        return u.mulRowVector(s).mmul(vt);
    }
}
