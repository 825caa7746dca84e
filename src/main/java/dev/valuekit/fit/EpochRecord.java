package dev.valuekit.fit;

/**
 * One epoch of training, per member: the training loss (reported NLL with ½ and ½·log 2π for NLL
 * models, MSE for MSE models) and MSE averaged over the epoch's minibatches, and the holdout loss and
 * MSE after the epoch (NaN without a holdout).
 */
public record EpochRecord(int epoch, double[] trainLoss, double[] trainMse, double[] holdoutLoss, double[] holdoutMse,
                          double seconds) {}
