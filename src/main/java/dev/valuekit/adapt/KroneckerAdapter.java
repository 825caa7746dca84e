package dev.valuekit.adapt;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** W = W_res + Σₖ Aₖ⊗Bₖ with a [r, m1, n1] and b [r, m2, n2] (SoKA). */
public record KroneckerAdapter(int rank, KroneckerShape shape, INDArray a, INDArray b, INDArray residual,
                               double maxReconstructionError) implements LayerAdapter {
    @Override public AdapterMethod method() { return AdapterMethod.SOKA; }

    @Override public INDArray delta() {
        double[] out = new double[shape.rows() * shape.cols()];
        for (int k = 0; k < rank; k++) {
            KroneckerSvd.addKron(out, shape, 1, KroneckerDecomposition.slice(a, k), KroneckerDecomposition.slice(b, k));
        }
        return Nd4j.create(out, new long[] {shape.rows(), shape.cols()}, DataType.DOUBLE);
    }

    @Override public long trainableParameters() { return a.length() + b.length(); }
}
