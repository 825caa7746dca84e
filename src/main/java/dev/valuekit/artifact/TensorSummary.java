package dev.valuekit.artifact;

/**
 * What {@code inspect} reports per tensor. Minimum, mean and maximum are over the finite values (NaN
 * when there are none); {@code nonFinite} counts NaN and ±Inf, which a healthy model has none of.
 */
public record TensorSummary(String name, DType dtype, long[] shape, long params,
                            double min, double mean, double max, long nonFinite) {

    public static TensorSummary of(Tensor t) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long finite = 0;
        for (double v : t.data()) {
            if (!Double.isFinite(v)) continue;
            finite++;
            sum += v;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        if (finite == 0) {
            return new TensorSummary(t.name(), t.dtype(), t.shape(), t.size(), Double.NaN, Double.NaN, Double.NaN, t.size());
        }
        double mean = sum / finite;
        if (!Double.isFinite(mean)) {
            // the plain sum overflowed (values near Double.MAX_VALUE): sum values scaled into [-1, 1]
            double scale = Math.max(Math.abs(min), Math.abs(max));
            double scaled = 0;
            for (double v : t.data()) if (Double.isFinite(v)) scaled += v / scale;
            mean = scale * (scaled / finite);
        }
        return new TensorSummary(t.name(), t.dtype(), t.shape(), t.size(), min, mean, max, t.size() - finite);
    }
}
