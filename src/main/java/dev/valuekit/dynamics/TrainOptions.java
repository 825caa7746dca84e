package dev.valuekit.dynamics;

import dev.valuekit.common.BadInputException;

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
    public enum Loss {
        NLL, MSE, VAGRAM;

        /** The word --loss takes. */
        @Override public String toString() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** MBPO's elites: 5 of 7 members. */
    public static final int DEFAULT_ELITES = 5;
    public static final double[] MBPO_WEIGHT_DECAY = {2.5e-5, 5e-5, 7.5e-5, 7.5e-5, 1e-4};
    /** A member "improves" when its holdout MSE drops by more than this fraction (mbrl-lib, MBPO). */
    public static final double IMPROVEMENT = 0.01;

    /** The elites when none are asked for: MBPO's 5, or every member of a smaller ensemble. */
    public static int defaultElites(int members) { return Math.min(DEFAULT_ELITES, members); }

    public TrainOptions {
        positive("--members", members);
        positive("--hidden", hidden);
        positive("--layers", layers);
        positive("--patience", patience);
        positive("--max-epochs", maxEpochs);
        positive("--batch", batch);
        positive("--holdout-cap", holdoutCap);
        if (checkpointEvery < 0) throw new BadInputException("--checkpoint-every must be at least 1, got " + checkpointEvery, "e.g. --checkpoint-every 5");
        if (elites < 1 || elites > members) {
            throw new BadInputException("--elites must be between 1 and --members (" + members + "), got " + elites, "e.g. --elites 5 with --members 7");
        }
        if (activation == Activation.IDENTITY) throw new BadInputException("--activation identity has no hidden nonlinearity", "use silu, relu or tanh");
        if (!(holdout >= 0 && holdout < 1)) throw new BadInputException("--holdout must be in [0, 1), got " + holdout, "e.g. --holdout 0.1");
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new BadInputException("--lr must be a positive number, got " + learningRate, "e.g. --lr 1e-3");
        }
        if (weightDecay == null) weightDecay = MBPO_WEIGHT_DECAY.clone();
        for (double w : weightDecay) {
            if (!(w >= 0) || Double.isInfinite(w)) throw new BadInputException("--weight-decay values must be >= 0, got " + w, "e.g. --weight-decay 1e-4");
        }
    }

    private static void positive(String flag, int v) {
        if (v < 1) throw new BadInputException(flag + " must be at least 1, got " + v, "see valuekit train-model --help");
    }

    /** The same recipe with another termination rule. */
    public TrainOptions withTermination(Termination t) {
        return new TrainOptions(members, elites, hidden, layers, activation, loss, t, holdout, holdoutCap, patience, maxEpochs,
                batch, learningRate, weightDecay, bootstrap, seed, checkpointEvery);
    }

    public int[] hiddenWidths() {
        int[] h = new int[layers];
        java.util.Arrays.fill(h, hidden);
        return h;
    }
}
