package dev.valuekit.tensor;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Float64 kernels (gradient checks and --precision f64). Exact library functions; speed matters less here. */
final class HostMathF64 extends HostMath {

    @Override Object alloc(int n) { return new double[n]; }

    @Override int length(Object heap) { return ((double[]) heap).length; }

    @Override void load(INDArray src, long srcOff, Object dst, int dstOff, int len) {
        src.data().asNioDouble().get((int) srcOff, (double[]) dst, dstOff, len);
    }

    @Override void store(Object src, int srcOff, INDArray dst, long dstOff, int len) {
        dst.data().asNioDouble().put((int) dstOff, (double[]) src, srcOff, len);
    }

    @Override void storeDoubles(double[] src, INDArray dst) {
        storeDoubles(src, 0, dst, 0, src.length);
    }

    @Override void loadDoubles(INDArray src, long srcOff, double[] dst, int dstOff, int len) {
        load(src, srcOff, dst, dstOff, len);
    }

    @Override void storeDoubles(double[] src, int srcOff, INDArray dst, long dstOff, int len) {
        store(src, srcOff, dst, dstOff, len);
    }

    @Override void gemm(boolean transA, boolean transB, int m, int n, int k,
                        INDArray a, long offA, int lda, INDArray b, long offB, int ldb,
                        double beta, INDArray c, long offC, int ldc) {
        openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor,
                transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                m, n, k, 1.0, ptr(a, offA), lda, ptr(b, offB), ldb, beta, ptr(c, offC), ldc);
    }

    private static DoublePointer ptr(INDArray a, long off) {
        return new DoublePointer(a.data().addressPointer()).position(off);
    }

    @Override void gemvT(int rows, int cols, INDArray a, long offA, int lda, INDArray x, long offX,
                         double beta, INDArray y, long offY) {
        openblas_nolapack.cblas_dgemv(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasTrans, rows, cols, 1.0,
                ptr(a, offA), lda, ptr(x, offX), 1, beta, ptr(y, offY), 1);
    }

    @Override void activate(Object zo, Object so, int off, int n, Activation act) {
        double[] z = (double[]) zo;
        int end = off + n;
        switch (act) {
            case SILU -> {
                double[] s = (double[]) so;
                for (int i = off; i < end; i++) {
                    double x = z[i];
                    double sg = sigmoid(x);
                    s[i] = sg;
                    z[i] = x * sg;
                }
            }
            case RELU -> {
                for (int i = off; i < end; i++) z[i] = Math.max(z[i], 0.0);
            }
            case TANH -> {
                for (int i = off; i < end; i++) z[i] = Math.tanh(z[i]);
            }
            case IDENTITY -> { }
        }
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
    }

    @Override void activationBackward(Object dobj, Object hobj, Object sobj, int off, int n, Activation act) {
        double[] d = (double[]) dobj;
        double[] h = (double[]) hobj;
        int end = off + n;
        switch (act) {
            case SILU -> {
                double[] s = (double[]) sobj;
                for (int i = off; i < end; i++) {
                    double sg = s[i];
                    d[i] = d[i] * (sg + h[i] * (1.0 - sg));
                }
            }
            case RELU -> {
                for (int i = off; i < end; i++) d[i] = h[i] > 0.0 ? d[i] : 0.0;
            }
            case TANH -> {
                for (int i = off; i < end; i++) d[i] = d[i] * (1.0 - h[i] * h[i]);
            }
            case IDENTITY -> { }
        }
    }

    @Override void addInto(Object srco, int srcOff, Object dsto, int dstOff, int len) {
        double[] src = (double[]) srco;
        double[] dst = (double[]) dsto;
        for (int i = 0; i < len; i++) dst[dstOff + i] += src[srcOff + i];
    }

    @Override void fill(Object a, double v) { java.util.Arrays.fill((double[]) a, v); }

    @Override void adam(Object to, Object go, Object mo, Object vo, int off, int n, double lr, double beta1, double beta2,
                        double eps, double bc1, double bc2, double wd, boolean decoupled) {
        double[] t = (double[]) to;
        double[] g = (double[]) go;
        double[] m = (double[]) mo;
        double[] v = (double[]) vo;
        double b1 = beta1, b2 = beta2, omb1 = (1 - beta1), omb2 = (1 - beta2);
        double e = eps;
        double sqrtBc2 = Math.sqrt(bc2);
        double step = (lr / bc1);
        double l2 = decoupled ? 0.0 : wd;
        double shrink = decoupled ? (1 - lr * wd) : 1.0;
        for (int i = off, end = off + n; i < end; i++) {
            double th = t[i] * shrink;
            double gi = g[i] + l2 * th;
            double mi = m[i] * b1 + omb1 * gi;
            double vi = v[i] * b2 + omb2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            t[i] = th - step * (mi / (Math.sqrt(vi) / sqrtBc2 + e));
        }
    }

    @Override double sumSquares(Object go, int n) {
        double[] g = (double[]) go;
        double s = 0;
        for (int i = 0; i < n; i++) s += (double) g[i] * g[i];
        return s;
    }

    @Override void scale(Object go, int n, double factor) {
        double[] g = (double[]) go;
        double f = factor;
        for (int i = 0; i < n; i++) g[i] *= f;
    }
}
