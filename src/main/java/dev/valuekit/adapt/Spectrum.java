package dev.valuekit.adapt;

/** The singular values (descending) of one weight matrix, with the ranks the standard rules pick. */
public record Spectrum(String name, long rows, long cols, double[] sigma) {
    public static Spectrum of(String name, org.nd4j.linalg.api.ndarray.INDArray w) {
        return new Spectrum(name, w.size(0), w.size(1), Svd.full(w).singularValues());
    }

    /** Fraction of Σσ² carried by the first k components, for k = 1..n. */
    public double[] energyCurve() {
        double total = 0;
        for (double s : sigma) total += s * s;
        double[] e = new double[sigma.length];
        double sum = 0;
        for (int i = 0; i < sigma.length; i++) {
            sum += sigma[i] * sigma[i];
            e[i] = total == 0 ? 1 : sum / total;
        }
        return e;
    }

    public int rank(RankRule rule) { return rule.choose(sigma); }

    /** ‖W‖_F = √(Σσ²). */
    public double frobenius() {
        double t = 0;
        for (double s : sigma) t += s * s;
        return Math.sqrt(t);
    }

    /** σ₁ / σ_n (infinite when W is rank-deficient). */
    public double condition() {
        return sigma[0] / sigma[sigma.length - 1];
    }
}
