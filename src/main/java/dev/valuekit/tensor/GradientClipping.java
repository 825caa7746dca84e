package dev.valuekit.tensor;

/**
 * Global-norm gradient clipping over the trainable parameters (PyTorch's clip_grad_norm_). Sums run in
 * Java in a fixed order, so the result does not depend on the thread count.
 */
public final class GradientClipping {
    private GradientClipping() {}

    /** The global L2 norm of all trainable gradients. */
    public static double globalNorm(Params params) {
        double sum = 0;
        for (Param p : params.list()) {
            if (!p.trainable()) continue;
            sum += HostMath.of(p.grad()).sumSquares(p.grad());
        }
        return Math.sqrt(sum);
    }

    /**
     * Scales every trainable gradient by {@code maxNorm / (norm + 1e-6)} when the global norm exceeds
     * {@code maxNorm} (PyTorch's rule); returns the norm before clipping.
     */
    public static double clipGlobalNorm(Params params, double maxNorm) {
        double norm = globalNorm(params);
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1) {
            for (Param p : params.list()) if (p.trainable()) HostMath.of(p.grad()).scale(p.grad(), coef);
        }
        return norm;
    }
}
