package dev.valuekit.tensor;

/** Floating-point precision of parameters and activations: float32 by default, float64 on request. */
public enum Precision {
    F32, F64;

    /** The word --precision takes. */
    @Override public String toString() { return name().toLowerCase(java.util.Locale.ROOT); }

    /** The precision of a model file's tensors ({@code F64} or {@code F32}), by the dtype name it stores. */
    public static Precision ofStored(String dtype) { return "F64".equals(dtype) ? F64 : F32; }

    /** Parses {@code f32}/{@code f64} (case-insensitive), as the {@code --precision} option spells it. */
    public static Precision parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "f32", "float32" -> F32;
            case "f64", "float64" -> F64;
            default -> throw new IllegalArgumentException("unknown precision '" + s + "' (use f32 or f64)");
        };
    }
}
