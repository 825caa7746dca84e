package dev.valuekit.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.DoubleSupplier;

/** Central finite differences in float64, compared tensor-wise: ‖analytic − numeric‖ / max(‖·‖, ‖·‖). */
final class GradCheck {
    static final double H = 1e-6;

    private GradCheck() {}

    /** Numeric gradient of {@code loss} with respect to every element of {@code x} (perturbed in place). */
    static double[] numeric(INDArray x, DoubleSupplier loss) {
        double[] v = x.data().asDouble();
        double[] g = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double keep = v[i];
            x.data().put(i, keep + H);
            double up = loss.getAsDouble();
            x.data().put(i, keep - H);
            double down = loss.getAsDouble();
            x.data().put(i, keep);
            g[i] = (up - down) / (2 * H);
        }
        return g;
    }

    static double relativeError(double[] analytic, double[] numeric) {
        double diff = 0, a = 0, n = 0;
        for (int i = 0; i < analytic.length; i++) {
            diff += sq(analytic[i] - numeric[i]);
            a += sq(analytic[i]);
            n += sq(numeric[i]);
        }
        double scale = Math.max(Math.sqrt(a), Math.sqrt(n));
        return scale == 0 ? 0 : Math.sqrt(diff) / scale;
    }

    private static double sq(double x) { return x * x; }
}
