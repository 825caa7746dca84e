package dev.valuekit.cltv;

import dev.valuekit.common.BadInputException;

/**
 * Training settings of the neural CLTV models. OptDist's Gumbel-softmax temperature falls geometrically
 * from {@code tauStart} in the first epoch to {@code tauEnd} in the last.
 */
public record NeuralTrainOptions(int epochs, int batchSize, double learningRate, long seed, double lambda, double gamma,
                                 OptDistObjective.SubLoss subLoss, double tauStart, double tauEnd) {
    public NeuralTrainOptions {
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
