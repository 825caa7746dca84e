package dev.valuekit.adapt;

/** How singular vectors are computed. */
public enum SvdMode {
    /** Every component, exactly (LAPACK, f64). Required for minor-component methods. */
    FULL,
    /** Halko–Martinsson–Tropp sketch: only the dominant rank-k subspace, fast on large matrices. */
    RANDOMIZED
}
