package dev.valuekit.adapt;

import dev.valuekit.common.BadInputException;

/**
 * Factor shapes of W [m1·m2, n1·n2] ≈ Σ Aₖ⊗Bₖ with Aₖ [m1, n1] and Bₖ [m2, n2].
 */
public record KroneckerShape(int m1, int n1, int m2, int n2) {
    public KroneckerShape {
        if (m1 < 1 || n1 < 1 || m2 < 1 || n2 < 1) throw new IllegalArgumentException("factor sizes must be >= 1");
    }

    public int rows() { return m1 * m2; }

    public int cols() { return n1 * n2; }

    /** How many Kronecker terms exist at most: the rank bound of the rearranged matrix. */
    public int maxRank() { return Math.min(m1 * n1, m2 * n2); }

    /** {@code "m1xn1"} (the shape of A) for a matrix of the given size; B's shape follows. */
    public static KroneckerShape parse(String spec, int rows, int cols) {
        String[] parts = spec.trim().toLowerCase(java.util.Locale.ROOT).split("x");
        int m1, n1;
        try {
            if (parts.length != 2) throw new NumberFormatException();
            m1 = Integer.parseInt(parts[0]);
            n1 = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new BadInputException("Kronecker factor shape '" + spec + "' is not of the form m1xn1",
                    "give the shape of the first factor, e.g. --kron 8x4");
        }
        if (m1 < 1 || n1 < 1 || rows % m1 != 0 || cols % n1 != 0) {
            throw new BadInputException("Kronecker factor shape " + spec + " does not divide the " + rows + "x" + cols + " matrix",
                    "choose m1 dividing " + rows + " and n1 dividing " + cols + " (e.g. " + nearest(rows, cols).describe() + ")");
        }
        return new KroneckerShape(m1, n1, rows / m1, cols / n1);
    }

    /**
     * Default shapes: for each dimension d, the largest divisor of d not above √d becomes the first
     * factor's size (so m1 ≤ m2, n1 ≤ n2, as square as d allows). A prime d gives 1 × d.
     */
    public static KroneckerShape nearest(int rows, int cols) {
        int m1 = divisorNearSqrt(rows), n1 = divisorNearSqrt(cols);
        return new KroneckerShape(m1, n1, rows / m1, cols / n1);
    }

    static int divisorNearSqrt(int d) {
        for (int f = (int) Math.floor(Math.sqrt(d)); f >= 1; f--) if (d % f == 0) return f;
        return 1;
    }

    public String describe() { return m1 + "x" + n1; }
}
