package dev.valuekit.cltv;

import dev.valuekit.common.BadInputException;

/**
 * Training settings of the neural CLTV models. OptDist's Gumbel-softmax temperature falls geometrically
 * from {@code tauStart} in the first planned epoch to {@code tauEnd} in the last. {@code epochs} is the most
 * epochs run; {@code steps} above 0 is a budget of Adam steps that plans the epochs from the data
 * ({@link #epochsFor}: small tables get more passes, large ones fewer, never more than {@code epochs}); with a
 * {@code holdout} fraction above 0 that share of the customers is held out, training stops after
 * {@code patience} epochs without improvement on it and the best epoch's weights are kept.
 */
public record NeuralTrainOptions(int epochs, int batchSize, double learningRate, long seed, double lambda, double gamma,
                                 OptDistObjective.SubLoss subLoss, double tauStart, double tauEnd, double holdout, int patience,
                                 int steps) {
    /** Without validation: every epoch runs and the last weights are kept. */
    public NeuralTrainOptions(int epochs, int batchSize, double learningRate, long seed, double lambda, double gamma,
                              OptDistObjective.SubLoss subLoss, double tauStart, double tauEnd) {
        this(epochs, batchSize, learningRate, seed, lambda, gamma, subLoss, tauStart, tauEnd, 0, 0);
    }

    /** A fixed number of epochs (no step budget). */
    public NeuralTrainOptions(int epochs, int batchSize, double learningRate, long seed, double lambda, double gamma,
                              OptDistObjective.SubLoss subLoss, double tauStart, double tauEnd, double holdout, int patience) {
        this(epochs, batchSize, learningRate, seed, lambda, gamma, subLoss, tauStart, tauEnd, holdout, patience, 0);
    }

    public NeuralTrainOptions {
        if (steps < 0) throw new BadInputException("--steps must be >= 0, got " + steps, "e.g. --steps 3000");
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

    /** The temperature of epoch e (0-based) over {@code epochs}: tauStart·(tauEnd/tauStart)^(e/(epochs−1)). */
    public double temperature(int epoch) {
        return temperature(epoch, epochs);
    }

    /** The temperature of epoch e (0-based) when {@code planned} epochs are planned. */
    public double temperature(int epoch, int planned) {
        if (planned <= 1) return tauEnd;
        return tauStart * Math.pow(tauEnd / tauStart, Math.min(1.0, (double) epoch / (planned - 1)));
    }

    /**
     * Epochs planned for {@code trainRows} training customers: enough to spend the step budget
     * (⌈steps / minibatches per epoch⌉), at least 1, at most {@code epochs}; {@code epochs} without a budget.
     */
    public int epochsFor(int trainRows) {
        if (steps == 0) return epochs;
        long perEpoch = Math.max(1, (trainRows + (long) batchSize - 1) / batchSize);
        return (int) Math.max(1, Math.min(epochs, (steps + perEpoch - 1) / perEpoch));
    }
}
