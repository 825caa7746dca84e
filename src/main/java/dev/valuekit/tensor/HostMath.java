package dev.valuekit.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The arithmetic of one precision, on plain Java arrays and through OpenBLAS on ND4J buffers.
 *
 * <p>Why plain arrays: an ND4J op costs microseconds of overhead and its elementwise kernels are not
 * faster than the JIT's vectorised loops, so elementwise work (activations and their derivatives, Adam)
 * runs in Java over heap copies, in flat loops the JIT vectorises; bulk copies between the off-heap
 * buffers and heap arrays run at memcpy speed. Matrix products call {@code cblas_?gemm/gemv} directly
 * on the ND4J buffers (the same OpenBLAS ND4J itself calls), transposes as flags, never materialised.
 *
 * <p>Heap arrays are {@code float[]} for F32 and {@code double[]} for F64, passed as {@code Object}.
 * All arrays handed in must be dense, c-order and not views (offset 0), as {@link Param} and the
 * network workspaces create them.
 */
abstract class HostMath {
    static final HostMath F32 = new HostMathF32();
    static final HostMath F64 = new HostMathF64();

    static HostMath of(Precision p) { return p == Precision.F32 ? F32 : F64; }

    static HostMath of(INDArray a) { return a.dataType() == DataType.FLOAT ? F32 : F64; }

    abstract Object alloc(int n);

    /** Any array's values, row-major, as doubles (copied). */
    static double[] toDoubles(INDArray a) {
        boolean dense = a.ordering() == 'c' && !a.isView() && a.data().offset() == 0 && a.length() == a.data().length();
        if (!dense || (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE)) {
            return a.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        }
        double[] d = new double[(int) a.length()];
        of(a).loadDoubles(a, 0, d, 0, d.length);
        return d;
    }

    abstract int length(Object heap);

    /** Copies {@code len} numbers from an ND4J buffer (at element offset) into a heap array. */
    abstract void load(INDArray src, long srcOff, Object dst, int dstOff, int len);

    abstract void store(Object src, int srcOff, INDArray dst, long dstOff, int len);

    abstract void storeDoubles(double[] src, INDArray dst);

    abstract void loadDoubles(INDArray src, long srcOff, double[] dst, int dstOff, int len);

    abstract void storeDoubles(double[] src, int srcOff, INDArray dst, long dstOff, int len);

    /**
     * Row-major {@code C = op(A)·op(B) + beta·C} with alpha 1; m×n result, inner size k; offsets and
     * leading dimensions in elements.
     */
    abstract void gemm(boolean transA, boolean transB, int m, int n, int k,
                       INDArray a, long offA, int lda, INDArray b, long offB, int ldb,
                       double beta, INDArray c, long offC, int ldc);

    /** {@code y ← beta·y + Aᵀ·x} for a row-major {@code rows × cols} A (x has rows entries, y cols). */
    abstract void gemvT(int rows, int cols, INDArray a, long offA, int lda, INDArray x, long offX,
                        double beta, INDArray y, long offY);

    /** In place over {@code [off, off + n)}: {@code z ← act(z)}; for SiLU also writes σ(z) into {@code s}. */
    abstract void activate(Object z, Object s, int off, int n, Activation act);

    /** In place over {@code [off, off + n)}: {@code d ← d ⊙ act'(h, s)} from the saved output h (and σ for SiLU). */
    abstract void activationBackward(Object d, Object h, Object s, int off, int n, Activation act);

    /** {@code dst[dstOff + i] += src[srcOff + i]} for i < len. */
    abstract void addInto(Object src, int srcOff, Object dst, int dstOff, int len);

    abstract void fill(Object a, double v);

    /** One Adam/AdamW update of numbers [off, off + n); see {@link Adam} for the exact (PyTorch) rule. */
    abstract void adam(Object theta, Object g, Object m, Object v, int off, int n, double lr, double beta1, double beta2,
                       double eps, double biasCorrection1, double biasCorrection2, double weightDecay,
                       boolean decoupled);

    private static final int SCRATCH = 4096;

    /** Σ x² over a whole array in a fixed order (ND4J's reductions split by thread count). */
    double sumSquares(INDArray a) {
        Object buf = alloc(SCRATCH);
        long n = a.length();
        double s = 0;
        for (long i = 0; i < n; i += SCRATCH) {
            int len = (int) Math.min(SCRATCH, n - i);
            load(a, i, buf, 0, len);
            s += sumSquares(buf, len);
        }
        return s;
    }

    /** Multiplies a whole array by a factor in place. */
    void scale(INDArray a, double factor) {
        Object buf = alloc(SCRATCH);
        long n = a.length();
        for (long i = 0; i < n; i += SCRATCH) {
            int len = (int) Math.min(SCRATCH, n - i);
            load(a, i, buf, 0, len);
            scale(buf, len, factor);
            store(buf, 0, a, i, len);
        }
    }

    /** Σ g² over the first n numbers, accumulated in double. */
    abstract double sumSquares(Object g, int n);

    abstract void scale(Object g, int n, double factor);
}
