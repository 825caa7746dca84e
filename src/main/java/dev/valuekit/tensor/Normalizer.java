package dev.valuekit.tensor;

import java.util.Arrays;

/**
 * Per-column standardisation {@code (x − mean) / std} with statistics from training data. The standard
 * deviation is the sample one (n − 1, as torch.std) and is floored: a column whose std is below
 * {@code minStd} (a constant column above all) gets std 1, so it is only centred and never divided by
 * zero (mbrl-lib issue #110). Statistics are plain double arrays, stored in artifacts as such.
 */
public final class Normalizer {
    /** mbrl-lib's floor for float32 models. */
    public static final double DEFAULT_MIN_STD = 1e-5;

    private final double[] mean;
    private final double[] std;

    private Normalizer(double[] mean, double[] std) {
        this.mean = mean;
        this.std = std;
    }

    /** Statistics of a row-major {@code rows × cols} array. */
    public static Normalizer fit(double[] rowMajor, int rows, int cols) {
        return fit(rowMajor, rows, cols, DEFAULT_MIN_STD);
    }

    public static Normalizer fit(double[] rowMajor, int rows, int cols, double minStd) {
        if (rows < 1) throw new IllegalArgumentException("cannot fit a normaliser on no rows");
        if ((long) rows * cols != rowMajor.length) {
            throw new IllegalArgumentException("expected " + rows + "×" + cols + " numbers, got " + rowMajor.length);
        }
        double[] mean = new double[cols];
        double[] std = new double[cols];
        for (int c = 0; c < cols; c++) {
            double s = 0;
            for (int r = 0; r < rows; r++) s += rowMajor[r * cols + c];
            double mu = s / rows;
            double ss = 0;
            for (int r = 0; r < rows; r++) {
                double d = rowMajor[r * cols + c] - mu;
                ss += d * d;
            }
            double sd = rows > 1 ? Math.sqrt(ss / (rows - 1)) : 0.0;
            mean[c] = mu;
            std[c] = sd < minStd || !Double.isFinite(sd) ? 1.0 : sd;
        }
        return new Normalizer(mean, std);
    }

    /** Rebuilds a normaliser from stored statistics (std must be positive). */
    public static Normalizer of(double[] mean, double[] std) {
        if (mean.length != std.length) throw new IllegalArgumentException("mean and std lengths differ");
        for (double s : std) {
            if (!(s > 0) || !Double.isFinite(s)) throw new IllegalArgumentException("std must be positive and finite, got " + s);
        }
        return new Normalizer(mean.clone(), std.clone());
    }

    public int width() { return mean.length; }
    public double[] mean() { return mean.clone(); }
    public double[] std() { return std.clone(); }

    /** In place on a row-major array whose width is {@link #width()}. */
    public void normalize(double[] rowMajor) {
        int cols = mean.length;
        for (int i = 0; i < rowMajor.length; i++) {
            int c = i % cols;
            rowMajor[i] = (rowMajor[i] - mean[c]) / std[c];
        }
    }

    public void denormalize(double[] rowMajor) {
        int cols = mean.length;
        for (int i = 0; i < rowMajor.length; i++) {
            int c = i % cols;
            rowMajor[i] = rowMajor[i] * std[c] + mean[c];
        }
    }

    @Override public String toString() {
        return "Normalizer{mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "}";
    }
}
