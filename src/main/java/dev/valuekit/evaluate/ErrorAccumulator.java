package dev.valuekit.evaluate;

/** Running RMSE / MAE / max statistics of absolute errors for one output. */
final class ErrorAccumulator {
    private final String name;
    private final double tolerance;
    private double sumSq;
    private double sumAbs;
    private double max = 0;
    private long worstRow;
    private long beyond;
    private long n;

    ErrorAccumulator(String name, double tolerance) {
        this.name = name;
        this.tolerance = tolerance;
    }

    /** Adds |err| of 1-based data row {@code row}; returns whether it is within the tolerance. */
    boolean add(double absErr, long row) {
        sumSq += absErr * absErr;
        sumAbs += absErr;
        n++;
        if (n == 1 || absErr > max) {
            max = absErr;
            worstRow = row;
        }
        boolean within = absErr <= tolerance;
        if (!within) beyond++;
        return within;
    }

    DimensionError result() {
        return new DimensionError(name, n == 0 ? Double.NaN : Math.sqrt(sumSq / n), n == 0 ? Double.NaN : sumAbs / n,
                max, worstRow, beyond);
    }
}
