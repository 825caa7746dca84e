package dev.valuekit.adapt;

import dev.valuekit.common.ComputationException;
import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.ref.Reference;

import static org.bytedeco.openblas.global.openblas.LAPACKE_dgeqrf;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dgesdd;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dgesvd;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dorgqr;
import static org.bytedeco.openblas.global.openblas.LAPACK_ROW_MAJOR;

/**
 * The OpenBLAS LAPACK routines ND4J's CPU backend itself binds (its {@code CpuLapack} calls the same
 * {@code org.bytedeco.openblas} LAPACKE functions), called on ND4J buffers directly.
 *
 * <p>Why not ND4J's own entry points: in 1.0.0-M2.1 {@code Nd4j.linalg().svd} and the {@code Svd} op
 * class fail with a native range-check error; the {@code svd} custom op is libnd4j's own Jacobi /
 * divide-and-conquer code, which returns wrong factors for wide matrices and fails or is wrong once
 * rows exceed switchNum; {@code lapack().gesvd} is correct but runs dgesvd (QR iteration), about 20
 * times slower than dgesdd on a 1024x1024 matrix with vectors. So: dgesdd, falling back to dgesvd in
 * the rare case dgesdd does not converge.
 */
final class Lapack {
    private Lapack() {}

    /** Thin SVD of {@code a} [m, n]: U [m, k], S [k] descending, Vt [k, n], k = min(m, n). */
    static SvdResult thinSvd(INDArray a) {
        int m = rows(a), n = cols(a), k = Math.min(m, n);
        SvdResult r = run(a, m, n, k, true);
        if (r == null) r = run(a, m, n, k, false);
        if (r == null) throw new ComputationException("LAPACK SVD did not converge on a " + m + "x" + n + " matrix (non-finite values?)");
        return r;
    }

    private static SvdResult run(INDArray a, int m, int n, int k, boolean divideAndConquer) {
        INDArray work = fresh(a); // LAPACK overwrites its input
        INDArray s = Nd4j.create(DataType.DOUBLE, k);
        INDArray u = Nd4j.create(DataType.DOUBLE, new long[] {m, k}, 'c');
        INDArray vt = Nd4j.create(DataType.DOUBLE, new long[] {k, n}, 'c');
        int info;
        if (divideAndConquer) {
            info = LAPACKE_dgesdd(LAPACK_ROW_MAJOR, (byte) 'S', m, n, ptr(work), n, ptr(s), ptr(u), k, ptr(vt), n);
        } else {
            DoublePointer superb = new DoublePointer(Math.max(1, k - 1));
            try {
                info = LAPACKE_dgesvd(LAPACK_ROW_MAJOR, (byte) 'S', (byte) 'S', m, n, ptr(work), n, ptr(s), ptr(u), k,
                        ptr(vt), n, superb);
            } finally {
                superb.close();
            }
        }
        // the native call only saw a raw pointer: keep the buffer alive (ND4J frees buffers on GC) until it returned
        Reference.reachabilityFence(work);
        if (info < 0) throw new IllegalStateException("LAPACK SVD: argument " + (-info) + " invalid");
        return info == 0 ? new SvdResult(u, s, vt) : null;
    }

    /** Q [m, n] with orthonormal columns spanning those of {@code y} [m, n], m >= n (Householder QR). */
    static INDArray orthonormalBasis(INDArray y) {
        int m = rows(y), n = cols(y);
        if (n > m) throw new IllegalArgumentException("QR basis needs rows >= cols, got " + m + "x" + n);
        INDArray q = fresh(y);
        DoublePointer tau = new DoublePointer(n);
        try {
            int info = LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, m, n, ptr(q), n, tau);
            if (info == 0) info = LAPACKE_dorgqr(LAPACK_ROW_MAJOR, m, n, n, ptr(q), n, tau);
            if (info != 0) throw new ComputationException("LAPACK QR failed (info " + info + ") on a " + m + "x" + n + " matrix");
        } finally {
            tau.close();
        }
        return q;
    }

    /** A contiguous row-major f64 copy with its own buffer (offset 0), safe to hand to LAPACK. */
    static INDArray fresh(INDArray a) {
        INDArray c = Nd4j.create(DataType.DOUBLE, a.shape(), 'c');
        c.assign(a.dataType() == DataType.DOUBLE ? a : a.castTo(DataType.DOUBLE));
        return c;
    }

    private static DoublePointer ptr(INDArray a) {
        return (DoublePointer) a.data().addressPointer();
    }

    private static int rows(INDArray a) { return Math.toIntExact(a.size(0)); }
    private static int cols(INDArray a) { return Math.toIntExact(a.size(1)); }
}
