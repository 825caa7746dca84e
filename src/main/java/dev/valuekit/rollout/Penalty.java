package dev.valuekit.rollout;

import dev.valuekit.common.BadInputException;
import dev.valuekit.common.Suggestions;
import dev.valuekit.dynamics.EnsembleStep;

import java.util.List;

/**
 * Uncertainty of a learned ensemble's prediction for one row, over its elites (OfflineRL-Kit's
 * definitions): MOPO's aleatoric max-norm of the predicted standard deviations, the standard
 * deviation of the elites' next-observation means, and MOReL's largest pairwise distance between them.
 */
public enum Penalty {
    /** max over elites of ‖σ_i‖ (all targets: Δobs and reward); MOPO. */
    MOPO_ALEATORIC("mopo-aleatoric"),
    /** √(mean over obs dims of the variance across elites of μ_i); epistemic spread. */
    ENSEMBLE_STD("ensemble-std"),
    /** max over elite pairs of ‖μ_i − μ_j‖ on the next observation; MOReL's discrepancy. */
    PAIRWISE_DIFF("pairwise-diff");

    public static final String NAMES = "mopo-aleatoric, ensemble-std, pairwise-diff";
    private final String spec;

    Penalty(String spec) { this.spec = spec; }

    public String spec() { return spec; }

    /** The spec: what --penalty takes and --help lists. */
    @Override public String toString() { return spec; }

    public static Penalty parse(String s) {
        for (Penalty p : values()) if (p.spec.equals(s)) return p;
        throw new BadInputException("unknown penalty '" + s + "'", Suggestions.fix(s, List.of(NAMES.split(", ")), "use one of " + NAMES));
    }

    /** The uncertainty of every row of a step. */
    public double[] of(EnsembleStep s) {
        int rows = s.member().length, t = s.targetDim(), d = t - 1, e = s.eliteMean().length;
        double[] u = new double[rows];
        if (this == MOPO_ALEATORIC && s.eliteLogVar() == null) {
            throw new BadInputException("--penalty mopo-aleatoric needs a probabilistic model, but this one was trained with --loss mse",
                    "use --penalty ensemble-std or pairwise-diff");
        }
        for (int r = 0; r < rows; r++) {
            int o = r * t;
            double v = 0;
            switch (this) {
                case MOPO_ALEATORIC -> {
                    for (int i = 0; i < e; i++) {
                        double n2 = 0;
                        for (int j = 0; j < t; j++) n2 += Math.exp(s.eliteLogVar()[i][o + j]);
                        v = Math.max(v, Math.sqrt(n2));
                    }
                }
                case ENSEMBLE_STD -> {
                    double sum = 0;
                    for (int j = 0; j < d; j++) {
                        double m = 0, m2 = 0;
                        for (int i = 0; i < e; i++) {
                            double x = s.eliteMean()[i][o + j];
                            m += x;
                            m2 += x * x;
                        }
                        m /= e;
                        sum += Math.max(0, m2 / e - m * m);
                    }
                    v = Math.sqrt(sum / d);
                }
                case PAIRWISE_DIFF -> {
                    for (int i = 0; i < e; i++) {
                        for (int k = i + 1; k < e; k++) {
                            double n2 = 0;
                            for (int j = 0; j < d; j++) {
                                double diff = s.eliteMean()[i][o + j] - s.eliteMean()[k][o + j];
                                n2 += diff * diff;
                            }
                            v = Math.max(v, Math.sqrt(n2));
                        }
                    }
                }
            }
            u[r] = v;
        }
        return u;
    }
}
