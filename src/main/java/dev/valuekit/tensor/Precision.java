package dev.valuekit.tensor;

import org.nd4j.linalg.api.buffer.DataType;

/** Floating-point precision of parameters and activations: float32 by default, float64 on request. */
public enum Precision {
    F32, F64;

    /** ND4J's type, looked up only when asked, so naming a precision (option parsing, --help) does not touch ND4J. */
    public DataType dataType() { return this == F32 ? DataType.FLOAT : DataType.DOUBLE; }

    /** The word --precision takes. */
    @Override public String toString() { return name().toLowerCase(java.util.Locale.ROOT); }

    /** Parses {@code f32}/{@code f64} (case-insensitive), as the {@code --precision} option spells it. */
    public static Precision parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "f32", "float32" -> F32;
            case "f64", "float64" -> F64;
            default -> throw new IllegalArgumentException("unknown precision '" + s + "' (use f32 or f64)");
        };
    }
}
