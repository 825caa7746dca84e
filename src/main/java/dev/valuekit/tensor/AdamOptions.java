package dev.valuekit.tensor;

/**
 * Adam settings. {@code decoupled = false} is PyTorch's {@code Adam}: each parameter's weight decay
 * adds {@code wd·θ} to its gradient (the L2 penalty {@code ½·wd·‖θ‖²} MBPO adds to its loss per layer).
 * {@code decoupled = true} is {@code AdamW}: {@code θ ← θ·(1 − lr·wd)} before the Adam step.
 */
public record AdamOptions(double learningRate, double beta1, double beta2, double eps, boolean decoupled) {
    public AdamOptions {
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(eps > 0)) throw new IllegalArgumentException("eps must be > 0, got " + eps);
    }

    /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, coupled weight decay. */
    public static AdamOptions adam(double lr) { return new AdamOptions(lr, 0.9, 0.999, 1e-8, false); }

    /** AdamW with PyTorch's default betas and eps. */
    public static AdamOptions adamW(double lr) { return new AdamOptions(lr, 0.9, 0.999, 1e-8, true); }
}
