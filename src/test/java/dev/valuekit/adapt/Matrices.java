package dev.valuekit.adapt;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Test matrices with known spectra. */
final class Matrices {
    private Matrices() {}

    static INDArray gaussian(int m, int n, long seed) {
        return Svd.gaussian(m, n, seed);
    }

    /** U·diag(sigma)·Vᵀ with random orthonormal U [m, k], V [n, k], k = sigma.length. */
    static INDArray withSpectrum(int m, int n, double[] sigma, long seed) {
        INDArray u = Lapack.orthonormalBasis(gaussian(m, sigma.length, seed));
        INDArray v = Lapack.orthonormalBasis(gaussian(n, sigma.length, seed + 1));
        return u.mulRowVector(Nd4j.create(sigma, new long[] {sigma.length}, DataType.DOUBLE)).mmul(v.transpose());
    }

    static double maxAbs(INDArray a) { return a.amaxNumber().doubleValue(); }

    static double maxAbsDiff(INDArray a, INDArray b) { return maxAbs(a.sub(b)); }

    static double frobenius(INDArray a) { return a.norm2Number().doubleValue(); }

    static double tail(double[] sigma, int k) {
        double t = 0;
        for (int i = k; i < sigma.length; i++) t += sigma[i] * sigma[i];
        return Math.sqrt(t);
    }
}
