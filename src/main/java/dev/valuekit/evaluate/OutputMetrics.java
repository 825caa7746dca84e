package dev.valuekit.evaluate;

/**
 * One-step metrics of one predicted quantity (a next-observation column or reward): MSE in data units,
 * MSE divided by the quantity's variance in the data (1.0 = no better than predicting its mean),
 * Gaussian NLL per row with ½ and ½·log 2π included, and the shares of rows whose target lies within
 * one and two predicted standard deviations (a calibrated model: 68.3% and 95.4%). NLL and shares are
 * NaN for a deterministic model.
 */
public record OutputMetrics(String name, double mse, double normalizedMse, double nll, double within1Sigma,
                            double within2Sigma) {}
