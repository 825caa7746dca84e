package dev.valuekit.adapt;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Van Loan–Pitsianis nearest Kronecker product. The rearrangement R(W) puts block (i1, j1) of W
 * (the m2×n2 block that multiplies A[i1, j1]) as row i1·n1 + j1, flattened row-major. It maps A⊗B to
 * vec(A)·vec(B)ᵀ and preserves the Frobenius norm (it only permutes entries), so the SVD of R(W)
 * gives the optimal sum of K Kronecker products with error √(Σ_{i>K} σᵢ²).
 */
public final class KroneckerSvd {
    private KroneckerSvd() {}

    /** R(W) [m1·n1, m2·n2]. */
    public static INDArray rearrange(INDArray w, KroneckerShape sh) {
        requireShape(w, sh);
        double[] src = Lapack.fresh(w).data().asDouble();
        int cols = sh.cols(), rCols = sh.m2() * sh.n2();
        double[] r = new double[sh.m1() * sh.n1() * rCols];
        for (int i1 = 0; i1 < sh.m1(); i1++) {
            for (int j1 = 0; j1 < sh.n1(); j1++) {
                int row = (i1 * sh.n1() + j1) * rCols;
                for (int i2 = 0; i2 < sh.m2(); i2++) {
                    System.arraycopy(src, (i1 * sh.m2() + i2) * cols + j1 * sh.n2(), r, row + i2 * sh.n2(), sh.n2());
                }
            }
        }
        return Nd4j.create(r, new long[] {sh.m1() * sh.n1(), rCols}, DataType.DOUBLE);
    }

    /** All min(m1·n1, m2·n2) Kronecker terms of W, by a full SVD of R(W). */
    public static KroneckerDecomposition decompose(INDArray w, KroneckerShape sh) {
        SvdResult r = Svd.full(rearrange(w, sh));
        int k = r.rank();
        INDArray a = r.u().transpose().dup('c').reshape('c', k, sh.m1(), sh.n1());
        INDArray b = r.vt().dup('c').reshape('c', k, sh.m2(), sh.n2());
        return new KroneckerDecomposition(sh, r.singularValues(), a, b);
    }

    /** out += scale·(A⊗B), out row-major [m1·m2, n1·n2]; a, b row-major. */
    static void addKron(double[] out, KroneckerShape sh, double scale, double[] a, double[] b) {
        int cols = sh.cols();
        for (int i1 = 0; i1 < sh.m1(); i1++) {
            for (int j1 = 0; j1 < sh.n1(); j1++) {
                double f = scale * a[i1 * sh.n1() + j1];
                if (f == 0) continue;
                for (int i2 = 0; i2 < sh.m2(); i2++) {
                    int o = (i1 * sh.m2() + i2) * cols + j1 * sh.n2();
                    int bo = i2 * sh.n2();
                    for (int j2 = 0; j2 < sh.n2(); j2++) out[o + j2] += f * b[bo + j2];
                }
            }
        }
    }

    /** A⊗B as a matrix. */
    public static INDArray kron(INDArray a, INDArray b) {
        KroneckerShape sh = new KroneckerShape((int) a.size(0), (int) a.size(1), (int) b.size(0), (int) b.size(1));
        double[] out = new double[sh.rows() * sh.cols()];
        addKron(out, sh, 1, Lapack.fresh(a).data().asDouble(), Lapack.fresh(b).data().asDouble());
        return Nd4j.create(out, new long[] {sh.rows(), sh.cols()}, DataType.DOUBLE);
    }

    private static void requireShape(INDArray w, KroneckerShape sh) {
        Svd.requireMatrix(w);
        if (w.size(0) != sh.rows() || w.size(1) != sh.cols()) {
            throw new IllegalArgumentException("matrix " + w.size(0) + "x" + w.size(1) + " does not match Kronecker shape "
                    + sh.m1() + "x" + sh.n1() + " ⊗ " + sh.m2() + "x" + sh.n2());
        }
    }
}
