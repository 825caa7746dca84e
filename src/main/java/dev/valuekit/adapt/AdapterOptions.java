package dev.valuekit.adapt;

/**
 * How to initialise one layer's adapter. {@code alpha} gives the scale s = alpha / rank of the
 * low-rank update (PEFT's lora_alpha); {@code kron} fixes SoKA's factor shapes (null: the divisor
 * pair nearest √dim, see {@link KroneckerShape#nearest}); {@code seed} drives LoRA's random A and the
 * randomized SVD's test matrix.
 */
public record AdapterOptions(AdapterMethod method, int rank, double alpha, SvdMode svd, int oversampling,
                             int powerIterations, long seed, String kron) {
    /** Full SVD, default oversampling and power iterations, alpha = rank (s = 1), nearest Kronecker shape. */
    public static AdapterOptions of(AdapterMethod method, int rank, long seed) {
        return new AdapterOptions(method, rank, rank, SvdMode.FULL, RandomizedSvdOptions.DEFAULT_OVERSAMPLING,
                RandomizedSvdOptions.DEFAULT_POWER_ITERATIONS, seed, null);
    }

    public AdapterOptions withAlpha(double a) {
        return new AdapterOptions(method, rank, a, svd, oversampling, powerIterations, seed, kron);
    }

    public AdapterOptions withSvd(SvdMode mode) {
        return new AdapterOptions(method, rank, alpha, mode, oversampling, powerIterations, seed, kron);
    }

    public AdapterOptions withKron(String shape) {
        return new AdapterOptions(method, rank, alpha, svd, oversampling, powerIterations, seed, shape);
    }

    public double scaling() { return alpha / rank; }

    RandomizedSvdOptions randomized() {
        return new RandomizedSvdOptions(rank, oversampling, powerIterations, seed);
    }
}
