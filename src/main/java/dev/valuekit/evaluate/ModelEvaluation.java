package dev.valuekit.evaluate;

import java.util.List;

/**
 * One-step evaluation of a dynamics model on transitions: per output (next_obs_*, reward,
 * terminated) the error statistics, and for an exact simulator the rows where every output
 * matches within the tolerance (-1 when the model is not a simulator).
 */
public record ModelEvaluation(String model, String data, long rows, double tolerance,
                              List<DimensionError> outputs, long matchingRows) {
    public boolean hasMatching() { return matchingRows >= 0; }

    public double matchingShare() { return rows == 0 ? Double.NaN : (double) matchingRows / rows; }
}
