package dev.valuekit.tensor;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Float32 kernels. Loops are kept simple so the JIT vectorises them. */
final class HostMathF32 extends HostMath {

    @Override Object alloc(int n) { return new float[n]; }

    @Override int length(Object heap) { return ((float[]) heap).length; }

    @Override void load(INDArray src, long srcOff, Object dst, int dstOff, int len) {
        src.data().asNioFloat().get((int) srcOff, (float[]) dst, dstOff, len);
    }

    @Override void store(Object src, int srcOff, INDArray dst, long dstOff, int len) {
        dst.data().asNioFloat().put((int) dstOff, (float[]) src, srcOff, len);
    }

    @Override void storeDoubles(double[] src, INDArray dst) {
        storeDoubles(src, 0, dst, 0, src.length);
    }

    @Override void loadDoubles(INDArray src, long srcOff, double[] dst, int dstOff, int len) {
        float[] tmp = new float[len];
        load(src, srcOff, tmp, 0, len);
        for (int i = 0; i < len; i++) dst[dstOff + i] = tmp[i];
    }

    @Override void storeDoubles(double[] src, int srcOff, INDArray dst, long dstOff, int len) {
        float[] tmp = new float[len];
        for (int i = 0; i < len; i++) tmp[i] = (float) src[srcOff + i];
        store(tmp, 0, dst, dstOff, len);
    }

    @Override void gemm(boolean transA, boolean transB, int m, int n, int k,
                        INDArray a, long offA, int lda, INDArray b, long offB, int ldb,
                        double beta, INDArray c, long offC, int ldc) {
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
                transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                m, n, k, 1f, ptr(a, offA), lda, ptr(b, offB), ldb, (float) beta, ptr(c, offC), ldc);
    }

    private static FloatPointer ptr(INDArray a, long off) {
        return new FloatPointer(a.data().addressPointer()).position(off);
    }

    @Override void gemvT(int rows, int cols, INDArray a, long offA, int lda, INDArray x, long offX,
                         double beta, INDArray y, long offY) {
        openblas_nolapack.cblas_sgemv(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasTrans, rows, cols, 1f,
                ptr(a, offA), lda, ptr(x, offX), 1, (float) beta, ptr(y, offY), 1);
    }

    @Override void activate(Object zo, Object so, int off, int n, Activation act) {
        float[] z = (float[]) zo;
        int end = off + n;
        switch (act) {
            case SILU -> {
                float[] s = (float[]) so;
                for (int i = off; i < end; i++) {
                    float x = z[i];
                    float sg = sigmoid(x);
                    s[i] = sg;
                    z[i] = x * sg;
                }
            }
            case RELU -> {
                for (int i = off; i < end; i++) z[i] = Math.max(z[i], 0f);
            }
            case TANH -> {
                for (int i = off; i < end; i++) z[i] = 2f * sigmoid(2f * z[i]) - 1f;
            }
            case IDENTITY -> { }
        }
    }

    /**
     * σ(x) = 1/(1 + e^−x) from pure arithmetic so the loop vectorises (Math.exp does not): with
     * y = clamp(−x, ±24)/32, q = e^y − 1 by its Taylor series (|y| ≤ 0.75, degree 7), then squared
     * five times as q ← q(2 + q), which keeps e^{−x} − 1 without losing the digits near 1.
     * Absolute error below 2e-7 everywhere; beyond |x| = 24 the result is within 4e-11 of 0 or 1.
     */
    static float sigmoid(float x) {
        float y = Math.max(-24f, Math.min(24f, -x)) * 0.03125f;
        float q = y * (1f + y * (0.5f + y * (1f / 6 + y * (1f / 24 + y * (1f / 120 + y * (1f / 720 + y * (1f / 5040)))))));
        q = q * (2f + q);
        q = q * (2f + q);
        q = q * (2f + q);
        q = q * (2f + q);
        q = q * (2f + q);
        return 1f / (2f + q);
    }

    @Override void activationBackward(Object dobj, Object hobj, Object sobj, int off, int n, Activation act) {
        float[] d = (float[]) dobj;
        float[] h = (float[]) hobj;
        int end = off + n;
        switch (act) {
            case SILU -> {
                float[] s = (float[]) sobj;
                for (int i = off; i < end; i++) {
                    float sg = s[i];
                    d[i] = d[i] * (sg + h[i] * (1f - sg));
                }
            }
            case RELU -> {
                for (int i = off; i < end; i++) d[i] = h[i] > 0f ? d[i] : 0f;
            }
            case TANH -> {
                for (int i = off; i < end; i++) d[i] = d[i] * (1f - h[i] * h[i]);
            }
            case IDENTITY -> { }
        }
    }

    @Override void addInto(Object srco, int srcOff, Object dsto, int dstOff, int len) {
        float[] src = (float[]) srco;
        float[] dst = (float[]) dsto;
        for (int i = 0; i < len; i++) dst[dstOff + i] += src[srcOff + i];
    }

    @Override void fill(Object a, double v) { java.util.Arrays.fill((float[]) a, (float) v); }

    @Override void adam(Object to, Object go, Object mo, Object vo, int off, int n, double lr, double beta1, double beta2,
                        double eps, double bc1, double bc2, double wd, boolean decoupled) {
        float[] t = (float[]) to;
        float[] g = (float[]) go;
        float[] m = (float[]) mo;
        float[] v = (float[]) vo;
        float b1 = (float) beta1, b2 = (float) beta2, omb1 = (float) (1 - beta1), omb2 = (float) (1 - beta2);
        float e = (float) eps;
        float sqrtBc2 = (float) Math.sqrt(bc2);
        float step = (float) (lr / bc1);
        float l2 = decoupled ? 0f : (float) wd;
        float shrink = decoupled ? (float) (1 - lr * wd) : 1f;
        for (int i = off, end = off + n; i < end; i++) {
            float th = t[i] * shrink;
            float gi = g[i] + l2 * th;
            float mi = m[i] * b1 + omb1 * gi;
            float vi = v[i] * b2 + omb2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            t[i] = th - step * (mi / ((float) Math.sqrt(vi) / sqrtBc2 + e));
        }
    }

    @Override double sumSquares(Object go, int n) {
        float[] g = (float[]) go;
        double s = 0;
        for (int i = 0; i < n; i++) s += (double) g[i] * g[i];
        return s;
    }

    @Override void scale(Object go, int n, double factor) {
        float[] g = (float[]) go;
        float f = (float) factor;
        for (int i = 0; i < n; i++) g[i] *= f;
    }
}
