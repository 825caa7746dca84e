package dev.valuekit.dynamics;

import dev.valuekit.tensor.Activation;

/**
 * Settings of {@link DynamicsTrainer}; defaults are MBPO's recipe.
 *
 * @param holdout         fraction of rows held out (whole episodes when the data has them)
 * @param patience        epochs without a >1% holdout improvement of any member before stopping
 * @param weightDecay     per-layer L2 coefficients (coupled Adam, as MBPO), the last repeating
 * @param bootstrap       members train on bootstrap resamples instead of permutations
 * @param checkpointEvery save a checkpoint every this many epochs (0 = never)
 */
public record TrainOptions(int members, int elites, int hidden, int layers, Activation activation, Loss loss,
                           Termination termination, double holdout, int holdoutCap, int patience, int maxEpochs,
                           int batch, double learningRate, double[] weightDecay, boolean bootstrap, long seed,
                           int checkpointEvery) {
    /** nll: Gaussian members; mse: deterministic; vagram: deterministic, value-gradient weighted (VaGraM). */
    public enum Loss { NLL, MSE, VAGRAM }

    /** MBPO's elites: 5 of 7 members. */
    public static final int DEFAULT_ELITES = 5;
    public static final double[] MBPO_WEIGHT_DECAY = {2.5e-5, 5e-5, 7.5e-5, 7.5e-5, 1e-4};
    /** A member "improves" when its holdout MSE drops by more than this fraction (mbrl-lib, MBPO). */
    public static final double IMPROVEMENT = 0.01;

    /** The elites when none are asked for: MBPO's 5, or every member of a smaller ensemble. */
    public static int defaultElites(int members) { return Math.min(DEFAULT_ELITES, members); }

    public TrainOptions {
        if (members < 1) throw new IllegalArgumentException("members must be >= 1");
        if (elites < 1 || elites > members) throw new IllegalArgumentException("elites must be in 1..members");
        if (hidden < 1 || layers < 1) throw new IllegalArgumentException("hidden and layers must be >= 1");
        if (batch < 1 || maxEpochs < 1 || patience < 1) throw new IllegalArgumentException("batch, max epochs, patience must be >= 1");
    }

    public int[] hiddenWidths() {
        int[] h = new int[layers];
        java.util.Arrays.fill(h, hidden);
        return h;
    }
}
