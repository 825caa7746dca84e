package dev.valuekit.value;

import dev.valuekit.common.BadInputException;

/**
 * How a critic ensemble's N predictions become one value: {@code min} (SAC-N / RAVL), {@code mean},
 * or {@code mean-std:k} = mean − k·std with the population standard deviation (divide by N).
 * {@link #weights} gives d(aggregate)/d(prediction m), used to push the actor's gradient through it.
 */
public record Aggregation(Kind kind, double k) {
    public enum Kind { MIN, MEAN, MEAN_STD }

    public static final Aggregation MIN = new Aggregation(Kind.MIN, 0);
    public static final Aggregation MEAN = new Aggregation(Kind.MEAN, 0);

    public static Aggregation parse(String s) {
        String t = s == null ? "" : s.trim();
        if (t.equals("min")) return MIN;
        if (t.equals("mean")) return MEAN;
        if (t.startsWith("mean-std:")) {
            try {
                double k = Double.parseDouble(t.substring("mean-std:".length()));
                if (Double.isFinite(k) && k >= 0) return new Aggregation(Kind.MEAN_STD, k);
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw new BadInputException("unknown critic target '" + s + "'", "use min, mean or mean-std:K with K >= 0, e.g. mean-std:1");
    }

    /** Aggregates {@code q[m * stride + offset]} over m < members. */
    public double apply(double[] q, int members, int stride, int offset) {
        switch (kind) {
            case MIN -> {
                double v = Double.POSITIVE_INFINITY;
                for (int m = 0; m < members; m++) v = Math.min(v, q[m * stride + offset]);
                return v;
            }
            case MEAN -> { return mean(q, members, stride, offset); }
            default -> {
                double mu = mean(q, members, stride, offset);
                return mu - k * std(q, members, stride, offset, mu);
            }
        }
    }

    /** d(aggregate)/d(q_m) for one row, written into {@code w[m]}; min picks the first minimal member. */
    public void weights(double[] q, int members, int stride, int offset, double[] w) {
        switch (kind) {
            case MIN -> {
                int best = 0;
                for (int m = 1; m < members; m++) if (q[m * stride + offset] < q[best * stride + offset]) best = m;
                for (int m = 0; m < members; m++) w[m] = m == best ? 1 : 0;
            }
            case MEAN -> { for (int m = 0; m < members; m++) w[m] = 1.0 / members; }
            default -> {
                double mu = mean(q, members, stride, offset);
                double sd = std(q, members, stride, offset, mu);
                for (int m = 0; m < members; m++) {
                    // d std / d q_m = (q_m − mean) / (N·std); zero where all members agree
                    double dsd = sd > 0 ? (q[m * stride + offset] - mu) / (members * sd) : 0;
                    w[m] = 1.0 / members - k * dsd;
                }
            }
        }
    }

    private static double mean(double[] q, int members, int stride, int offset) {
        double s = 0;
        for (int m = 0; m < members; m++) s += q[m * stride + offset];
        return s / members;
    }

    private static double std(double[] q, int members, int stride, int offset, double mu) {
        double s = 0;
        for (int m = 0; m < members; m++) {
            double d = q[m * stride + offset] - mu;
            s += d * d;
        }
        return Math.sqrt(s / members);
    }

    @Override public String toString() {
        return switch (kind) {
            case MIN -> "min";
            case MEAN -> "mean";
            case MEAN_STD -> "mean-std:" + k;
        };
    }
}
