package dev.valuekit.value;

/** Sampled transitions, row-major: obs and nextObs {@code n × d}, act {@code n × k}. */
public record TransitionSample(int n, double[] obs, double[] act, double[] reward, double[] nextObs, boolean[] terminal) {
    /** obs ⊕ act per row, the input of a Q critic. */
    public double[] obsAct() { return concat(obs, act, n); }

    static double[] concat(double[] a, double[] b, int n) {
        int da = a.length / n, db = b.length / n;
        double[] x = new double[n * (da + db)];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, i * da, x, i * (da + db), da);
            System.arraycopy(b, i * db, x, i * (da + db) + da, db);
        }
        return x;
    }
}
