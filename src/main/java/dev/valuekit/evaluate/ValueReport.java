package dev.valuekit.evaluate;

/**
 * A value function against the data. RMSE, bias (mean prediction − mean return: positive is
 * overestimation) and Spearman are over the rows with a Monte-Carlo return ({@code rowsCompared});
 * {@code tdError} is the mean squared one-step TD error over the rows that have a next value;
 * {@code ensembleStd*} are the mean standard deviation over critics of Q on the data's actions and on
 * uniform random actions (NaN for V).
 */
public record ValueReport(String model, String kind, String method, double gamma, int members, int rows, int rowsCompared,
                          double rmse, double bias, double spearman, double meanPrediction, double meanReturn,
                          double tdError, int tdRows, double initialValue, double initialReturn,
                          double ensembleStdData, double ensembleStdRandom) {}
