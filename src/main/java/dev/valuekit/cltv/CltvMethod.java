package dev.valuekit.cltv;

import java.util.Locale;

/** The algorithms of {@code predict-cltv fit --method}: BG/NBD with Gamma-Gamma, or a neural ZILN/OptDist network. */
public enum CltvMethod {
    BGNBD, ZILN, OPTDIST;

    /** The neural model type, or null for the probabilistic BG/NBD family. */
    public NeuralModelType neural() { return NeuralModelType.of(toString()); }

    /** The word --method takes (and the model's spec records). */
    @Override public String toString() { return name().toLowerCase(Locale.ROOT); }
}
