package dev.valuekit.value;

/**
 * Settings of a value fit by regression ({@code mc}) or bootstrapping ({@code td}, {@code fqe}).
 *
 * @param targetUpdate   steps between hard target-network updates (d3rlpy's FQE: 100)
 * @param mcDropTolerance Monte-Carlo rows whose missing tail weighs more than this are dropped (0 keeps all)
 * @param softAlpha      entropy temperature of a soft FQE target (0: not soft)
 * @param lambda         TD(λ) for V with {@code td} (0: TD(0))
 * @param spectralNorm   which hidden layers of the critics are spectrally normalised (null: none)
 */
public record ValueFitOptions(Target target, Method method, int critics, Mlp arch, Aggregation aggregation, Credit credit,
                         double gamma, double lr, int batch, long steps, int targetUpdate, double mcDropTolerance,
                         double softAlpha, double lambda, long seed, dev.valuekit.tensor.SpectralNorm.Scope spectralNorm) {
    public enum Target {
        V, Q;

        /** The word --target takes. */
        @Override public String toString() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public enum Method {
        MC, TD, FQE, SAC, IQL, DQN, CQL;

        /** Methods that learn a policy (they write an agent). */
        public boolean learnsPolicy() { return this == SAC || this == IQL || this == DQN || this == CQL; }

        /** The word --method takes. */
        @Override public String toString() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** Without spectral normalisation. */
    public ValueFitOptions(Target target, Method method, int critics, Mlp arch, Aggregation aggregation, Credit credit, double gamma,
                      double lr, int batch, long steps, int targetUpdate, double mcDropTolerance, double softAlpha, double lambda,
                      long seed) {
        this(target, method, critics, arch, aggregation, credit, gamma, lr, batch, steps, targetUpdate, mcDropTolerance,
                softAlpha, lambda, seed, null);
    }
}
