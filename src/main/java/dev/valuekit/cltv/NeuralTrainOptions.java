package dev.valuekit.cltv;

import dev.valuekit.common.BadInputException;

/**
 * Training settings of the neural CLTV models. OptDist's Gumbel-softmax temperature falls geometrically
 * from {@code tauStart} in the first epoch to {@code tauEnd} in the last. {@code epochs} is the most
 * epochs run; with a {@code holdout} fraction above 0 that share of the customers is held out, training
 * stops after {@code patience} epochs without improvement on it and the best epoch's weights are kept.
 */
public record NeuralTrainOptions(int epochs, int batchSize, double learningRate, long seed, double lambda, double gamma,
                                 OptDistObjective.SubLoss subLoss, double tauStart, double tauEnd, double holdout, int patience) {
    /** Without validation: every epoch runs and the last weights are kept. */
    public NeuralTrainOptions(int epochs, int batchSize, double learningRate, long seed, double lambda, double gamma,
                              OptDistObjective.SubLoss subLoss, double tauStart, double tauEnd) {
        this(epochs, batchSize, learningRate, seed, lambda, gamma, subLoss, tauStart, tauEnd, 0, 0);
    }

    public NeuralTrainOptions {
        if (!(holdout >= 0 && holdout < 1)) throw new BadInputException("--holdout must be in [0, 1), got " + holdout, "e.g. --holdout 0.1");
        if (patience < 0) throw new BadInputException("--patience must be >= 0, got " + patience, "e.g. --patience 5");
        if (epochs < 1) throw new BadInputException("--epochs must be >= 1, got " + epochs, "e.g. --epochs 40");
        if (batchSize < 1) throw new BadInputException("--batch must be >= 1, got " + batchSize, "e.g. --batch 512");
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) throw new BadInputException("--lr must be > 0, got " + learningRate, "e.g. --lr 0.002");
        if (!(lambda >= 0) || !Double.isFinite(lambda)) throw new BadInputException("--lambda must be >= 0, got " + lambda, "e.g. --lambda 1");
        if (!(gamma >= 0) || !Double.isFinite(gamma)) throw new BadInputException("--focal-gamma must be >= 0, got " + gamma, "e.g. --focal-gamma 2");
        if (!(tauStart > 0 && tauEnd > 0) || !Double.isFinite(tauStart) || !Double.isFinite(tauEnd)) {
            throw new BadInputException("temperatures must be > 0, got " + tauStart + " and " + tauEnd, "e.g. --tau 1.0,0.1");
        }
    }

    /** The temperature of epoch e (0-based): tauStart·(tauEnd/tauStart)^(e/(epochs−1)). */
    public double temperature(int epoch) {
        if (epochs == 1) return tauEnd;
        return tauStart * Math.pow(tauEnd / tauStart, (double) epoch / (epochs - 1));
    }
}
