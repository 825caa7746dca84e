package dev.valuekit.adapt;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * W = W_res + s·B·A with A [r, in], B [out, r] and s = alpha / r (PEFT's lora_A / lora_B weights
 * and scaling).
 */
public record LowRankAdapter(AdapterMethod method, int rank, double alpha, INDArray a, INDArray b, INDArray residual,
                             double maxReconstructionError) implements LayerAdapter {
    public double scaling() { return alpha / rank; }

    @Override public INDArray delta() { return b.mmul(a).muli(scaling()); }

    @Override public long trainableParameters() { return a.length() + b.length(); }

    /** The same adapter with trained factors (the residual stays frozen). */
    public LowRankAdapter withFactors(INDArray trainedA, INDArray trainedB) {
        if (!java.util.Arrays.equals(trainedA.shape(), a.shape()) || !java.util.Arrays.equals(trainedB.shape(), b.shape())) {
            throw new IllegalArgumentException("trained factors must keep the shapes of A and B");
        }
        return new LowRankAdapter(method, rank, alpha, trainedA, trainedB, residual, maxReconstructionError);
    }
}
