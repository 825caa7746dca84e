package dev.valuekit.adapt;

import dev.valuekit.common.BadInputException;

/** How many singular components to keep, given the singular values (descending). */
public sealed interface RankRule {
    int choose(double[] sigma);

    String describe();

    /** Exactly r components; 1 ≤ r ≤ number of singular values. */
    record Fixed(int r) implements RankRule {
        @Override public int choose(double[] sigma) {
            if (r < 1 || r > sigma.length) {
                throw new BadInputException("rank " + r + " is outside 1.." + sigma.length + " (min(rows, cols) of the matrix)",
                        "choose --rank between 1 and " + sigma.length);
            }
            return r;
        }

        @Override public String describe() { return "rank " + r; }
    }

    /** The smallest k whose components carry at least τ of the energy Σσᵢ², τ ∈ (0, 1]. */
    record Energy(double tau) implements RankRule {
        public Energy {
            if (!(tau > 0 && tau <= 1)) {
                throw new BadInputException("energy threshold " + tau + " is outside (0, 1]",
                        "give --energy as a fraction, e.g. 0.9 keeps 90% of the squared singular values");
            }
        }

        @Override public int choose(double[] sigma) {
            double total = 0;
            for (double s : sigma) total += s * s;
            if (total == 0) return 1;
            double sum = 0;
            for (int k = 0; k < sigma.length; k++) {
                sum += sigma[k] * sigma[k];
                if (sum >= tau * total) return k + 1;
            }
            return sigma.length; // τ = 1 with round-off in τ·total
        }

        @Override public String describe() { return "energy " + tau; }
    }

    /**
     * The knee of the log-spectrum. Points (i, log σᵢ), both axes scaled to [0, 1], are compared with
     * the chord from the first to the last point; the knee is the point farthest from it. Below the
     * chord (the usual convex shape: steep drop, then a flat tail) the knee is the first point of the
     * tail, so the rank is its 0-based index: the components before the spectrum flattens. Above the
     * chord (flat, then a cliff) the knee is the last point before the cliff, which is kept: rank =
     * index + 1. Zero singular values are floored at σ₁·1e-15 so the logarithm stays finite.
     */
    record Elbow() implements RankRule {
        @Override public int choose(double[] sigma) {
            int n = sigma.length;
            if (n <= 2 || sigma[0] <= 0) return 1;
            double floor = sigma[0] * 1e-15;
            double[] y = new double[n];
            for (int i = 0; i < n; i++) y[i] = Math.log(Math.max(sigma[i], floor));
            double span = y[0] - y[n - 1];
            if (span <= 0) return n; // flat spectrum: no knee, every component matters alike
            int best = -1;
            double bestDist = 0;
            boolean below = false;
            for (int i = 1; i < n - 1; i++) {
                double x = (double) i / (n - 1);
                double yi = (y[i] - y[n - 1]) / span;   // 1 at the first point, 0 at the last
                double d = (yi - (1 - x)) / Math.sqrt(2); // signed distance to the chord y = 1 - x
                if (Math.abs(d) > bestDist) {
                    bestDist = Math.abs(d);
                    best = i;
                    below = d < 0;
                }
            }
            if (best < 0) return n;
            return Math.max(1, below ? best : best + 1);
        }

        @Override public String describe() { return "elbow"; }
    }
}
