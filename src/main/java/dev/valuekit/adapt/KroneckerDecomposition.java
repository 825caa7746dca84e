package dev.valuekit.adapt;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * W ≈ Σₖ σₖ·Aₖ⊗Bₖ: σ descending, Aₖ [m1, n1] and Bₖ [m2, n2] each of unit Frobenius norm, stacked
 * as a [K, m1, n1] and b [K, m2, n2].
 */
public record KroneckerDecomposition(KroneckerShape shape, double[] sigma, INDArray a, INDArray b) {
    public int terms() { return sigma.length; }

    /** Σ_{k<K} σₖ·Aₖ⊗Bₖ as an [m1·m2, n1·n2] matrix. */
    public INDArray sum(int k) {
        double[] out = new double[shape.rows() * shape.cols()];
        for (int t = 0; t < k; t++) {
            KroneckerSvd.addKron(out, shape, sigma[t], slice(a, t), slice(b, t));
        }
        return Nd4j.create(out, new long[] {shape.rows(), shape.cols()}, DataType.DOUBLE);
    }

    /** √(Σ_{i≥K} σᵢ²): the Frobenius error of the K-term sum, which is the best any K terms can do. */
    public double tailError(int k) {
        double t = 0;
        for (int i = k; i < sigma.length; i++) t += sigma[i] * sigma[i];
        return Math.sqrt(t);
    }

    static double[] slice(INDArray stacked, int t) {
        return stacked.slice(t).dup('c').data().asDouble();
    }
}
