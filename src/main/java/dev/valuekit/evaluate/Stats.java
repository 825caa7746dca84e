package dev.valuekit.evaluate;

/** Means and population standard deviations, NaN entries skipped. */
final class Stats {
    private Stats() {}

    static double mean(double[] v) {
        double s = 0;
        int n = 0;
        for (double x : v) if (!Double.isNaN(x)) { s += x; n++; }
        return n == 0 ? Double.NaN : s / n;
    }

    static double std(double[] v) {
        double mu = mean(v), s = 0;
        int n = 0;
        for (double x : v) if (!Double.isNaN(x)) { s += (x - mu) * (x - mu); n++; }
        return n == 0 ? Double.NaN : Math.sqrt(s / n);
    }
}
