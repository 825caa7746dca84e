package dev.valuekit.tensor;

import org.nd4j.linalg.api.buffer.DataType;

/** Floating-point precision of parameters and activations: float32 by default, float64 on request. */
public enum Precision {
    F32(DataType.FLOAT), F64(DataType.DOUBLE);

    private final DataType dataType;

    Precision(DataType dataType) { this.dataType = dataType; }

    public DataType dataType() { return dataType; }

    /** Parses {@code f32}/{@code f64} (case-insensitive), as the {@code --precision} option spells it. */
    public static Precision parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "f32", "float32" -> F32;
            case "f64", "float64" -> F64;
            default -> throw new IllegalArgumentException("unknown precision '" + s + "' (use f32 or f64)");
        };
    }
}
