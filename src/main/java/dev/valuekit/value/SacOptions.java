package dev.valuekit.value;

/**
 * Soft actor-critic settings.
 *
 * @param critics       critic ensemble size N
 * @param target        aggregation of the target critics, also used for the actor's objective
 * @param fixedAlpha    a fixed entropy temperature, or NaN for automatic tuning towards {@code targetEntropy}
 * @param initAlpha     the starting temperature of automatic tuning
 * @param targetEntropy NaN for −(action dimension)
 * @param steps         gradient steps (each: one critic, one actor and one temperature update)
 * @param adversarialEps FGSM radius of the critics' smoothness penalty on observations (0: none)
 * @param spectralNorm  which hidden layers of the critics are spectrally normalised (null: none)
 * @param eta           EDAC's gradient-diversity weight (0: none; needs ReLU critics and N ≥ 2)
 */
public record SacOptions(int critics, Mlp criticArch, Mlp actorArch, Aggregation target, Credit credit, double gamma,
                         double tau, double criticLr, double actorLr, double alphaLr, double fixedAlpha, double initAlpha,
                         double targetEntropy, int batch, long steps, double adversarialEps, double adversarialCoef, long seed,
                         dev.valuekit.tensor.SpectralNorm.Scope spectralNorm, double eta) {
    public SacOptions {
        if (critics < 1) throw new IllegalArgumentException("critics < 1");
        if (batch < 1 || steps < 0) throw new IllegalArgumentException("batch < 1 or steps < 0");
    }

    /** Without spectral normalisation. */
    public SacOptions(int critics, Mlp criticArch, Mlp actorArch, Aggregation target, Credit credit, double gamma, double tau,
                      double criticLr, double actorLr, double alphaLr, double fixedAlpha, double initAlpha, double targetEntropy,
                      int batch, long steps, double adversarialEps, double adversarialCoef, long seed) {
        this(critics, criticArch, actorArch, target, credit, gamma, tau, criticLr, actorLr, alphaLr, fixedAlpha, initAlpha,
                targetEntropy, batch, steps, adversarialEps, adversarialCoef, seed, null, 0);
    }
}
