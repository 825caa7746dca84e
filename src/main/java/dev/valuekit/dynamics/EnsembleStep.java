package dev.valuekit.dynamics;

/**
 * One step of a learned ensemble for a batch of rows: the prediction used (next obs, reward,
 * terminated), the member that produced each row (-1 for the elite mean), and every elite's mean and
 * log-variance of the targets ({@code Δobs ⊕ reward}), row-major {@code [elites][rows·targetDim]},
 * from which rollouts compute uncertainty penalties. {@code eliteLogVar} is null for MSE models.
 */
public record EnsembleStep(Prediction prediction, int[] member, int targetDim, double[][] eliteMean,
                           double[][] eliteLogVar) {}
