package dev.valuekit.cltv;

import java.util.Locale;

/**
 * The algorithms of {@code predict-cltv fit --method}: a probabilistic purchase model (BG/NBD, MBG/NBD,
 * Pareto/NBD) with Gamma-Gamma spend, or a neural ZILN/OptDist network.
 */
public enum CltvMethod {
    BGNBD, MBGNBD, PARETONBD, ZILN, OPTDIST;

    /** The neural model type, or null for the probabilistic family. */
    public NeuralModelType neural() { return NeuralModelType.of(toString()); }

    /** The probabilistic purchase model, or null for the neural ones. */
    public PurchaseModelType purchase() { return PurchaseModelType.of(toString()); }

    /** The word --method takes (and the model's spec records). */
    @Override public String toString() { return name().toLowerCase(Locale.ROOT); }
}
