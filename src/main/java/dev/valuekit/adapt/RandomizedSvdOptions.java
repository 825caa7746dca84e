package dev.valuekit.adapt;

/**
 * Randomized SVD settings: target rank, oversampling p (sketch width rank + p), power iterations q
 * (each re-orthonormalised by QR, so small singular values are not lost to round-off), and the seed
 * of the Gaussian test matrix.
 */
public record RandomizedSvdOptions(int rank, int oversampling, int powerIterations, long seed) {
    public static final int DEFAULT_OVERSAMPLING = 10;
    public static final int DEFAULT_POWER_ITERATIONS = 2;

    public RandomizedSvdOptions {
        if (rank < 1) throw new IllegalArgumentException("rank must be >= 1, got " + rank);
        if (oversampling < 0) throw new IllegalArgumentException("oversampling must be >= 0, got " + oversampling);
        if (powerIterations < 0) throw new IllegalArgumentException("power iterations must be >= 0, got " + powerIterations);
    }

    public static RandomizedSvdOptions of(int rank, long seed) {
        return new RandomizedSvdOptions(rank, DEFAULT_OVERSAMPLING, DEFAULT_POWER_ITERATIONS, seed);
    }
}
