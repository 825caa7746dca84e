package dev.valuekit.tensor;

/**
 * Hidden-layer activations. The backward rule of each is written in terms of the saved output h
 * (and, for SiLU, the saved sigmoid s) so no pre-activation needs keeping:
 * SiLU h = z·σ(z), h' = s + h·(1 − s); ReLU h' = [h > 0]; tanh h' = 1 − h²; identity h' = 1.
 */
public enum Activation {
    SILU, RELU, TANH, IDENTITY;

    /** The word --activation takes. */
    @Override public String toString() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static Activation parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "silu", "swish" -> SILU;
            case "relu" -> RELU;
            case "tanh" -> TANH;
            case "identity", "linear", "none" -> IDENTITY;
            default -> throw new IllegalArgumentException("unknown activation '" + s + "' (use silu, relu or tanh)");
        };
    }
}
