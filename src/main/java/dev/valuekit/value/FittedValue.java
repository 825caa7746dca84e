package dev.valuekit.value;

/**
 * A loaded {@code value}, {@code q} or {@code agent} artifact: the critic ensemble (V or Q), the actor
 * of an agent (else null), the columns they read and the discount they were fitted with.
 */
public record FittedValue(String kind, String source, String method, double gamma, Aggregation aggregation,
                          String[] obsColumns, String[] actColumns, CriticEnsemble critics, TanhGaussianActor actor) {
    public boolean isQ() { return !kind.equals(ValueArtifacts.VALUE); }

    /** The number of discrete actions of a discrete-action Q (one output each), 0 otherwise. */
    public int actions() { return critics.actions(); }

    /**
     * Aggregated values of rows ({@code obs} for V, {@code obs ⊕ act} for Q), {@code [n]}. A discrete Q reads
     * the action column as the index of its output.
     */
    public double[] value(double[] x, int n) {
        if (actions() > 0) return discreteValue(x, n);
        double[] q = critics.predict(x, n);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = aggregation.apply(q, critics.members(), n, i);
        return v;
    }

    /** A discrete Q's aggregated values of every action, {@code [n, actions]}, for observations {@code [n, d]}. */
    public double[] actionValues(double[] obs, int n) {
        int na = actions();
        double[] q = critics.predict(obs, n);
        double[] v = new double[n * na];
        for (int k = 0; k < n * na; k++) v[k] = aggregation.apply(q, critics.members(), n * na, k);
        return v;
    }

    /** A discrete Q's greedy action per observation (ties: the lowest index), as action values {@code [n]}. */
    public double[] greedyActions(double[] obs, int n) {
        int na = actions();
        double[] v = actionValues(obs, n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < na; j++) if (v[i * na + j] > v[i * na + best]) best = j;
            out[i] = best;
        }
        return out;
    }

    private double[] discreteValue(double[] x, int n) {
        int d = obsColumns.length, na = actions();
        double[] obs = new double[n * d];
        for (int i = 0; i < n; i++) System.arraycopy(x, i * (d + 1), obs, i * d, d);
        double[] q = actionValues(obs, n);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            int a = (int) x[i * (d + 1) + d];
            if (a < 0 || a >= na || a != x[i * (d + 1) + d]) {
                throw new IllegalArgumentException("action " + x[i * (d + 1) + d] + " is not one of 0.." + (na - 1));
            }
            v[i] = q[i * na + a];
        }
        return v;
    }
}
