package dev.valuekit.adapt;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One adapted weight matrix W [out, in] (PyTorch / PEFT orientation): a frozen residual plus a
 * trainable update, with W = residual + delta at initialisation.
 */
public sealed interface LayerAdapter permits LowRankAdapter, KroneckerAdapter {
    AdapterMethod method();

    int rank();

    /** The frozen part, W_res. */
    INDArray residual();

    /** The trainable update as a dense matrix. */
    INDArray delta();

    /** max |W_res + delta − W| measured right after initialisation. */
    double maxReconstructionError();

    /** How many numbers training updates. */
    long trainableParameters();

    /** W_res + delta: the layer's effective weight. */
    default INDArray merged() { return residual().add(delta()); }
}
