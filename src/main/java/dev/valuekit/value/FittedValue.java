package dev.valuekit.value;

/**
 * A loaded {@code value}, {@code q} or {@code agent} artifact: the critic ensemble (V or Q), the actor
 * of an agent (else null), the columns they read and the discount they were fitted with.
 */
public record FittedValue(String kind, String source, String method, double gamma, Aggregation aggregation,
                          String[] obsColumns, String[] actColumns, CriticEnsemble critics, TanhGaussianActor actor) {
    public boolean isQ() { return !kind.equals(ValueArtifacts.VALUE); }

    /** Aggregated values of rows ({@code obs} for V, {@code obs ⊕ act} for Q), {@code [n]}. */
    public double[] value(double[] x, int n) {
        double[] q = critics.predict(x, n);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = aggregation.apply(q, critics.members(), n, i);
        return v;
    }
}
