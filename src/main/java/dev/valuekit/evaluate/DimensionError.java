package dev.valuekit.evaluate;

/**
 * Error of one model output over a data set.
 *
 * @param worstRow        1-based data row of the largest absolute error (0 if no rows)
 * @param beyondTolerance rows whose absolute error exceeds the tolerance
 */
public record DimensionError(String name, double rmse, double mae, double maxAbsError, long worstRow, long beyondTolerance) {}
