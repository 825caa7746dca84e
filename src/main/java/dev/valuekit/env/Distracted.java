package dev.valuekit.env;

import dev.valuekit.common.SeedStreams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * An environment with K distracting observation dimensions appended (VaGraM's experiment): K
 * independent AR(1) processes {@code n' = ρ·n + √(1 − ρ²)·ε}, ε ~ N(0, 1), started from the stationary
 * N(0, 1) at reset. They do not affect the dynamics, reward or termination; a policy or model trained
 * on data with such columns (bench/distract.py writes the same process) can be run here.
 *
 * <p>{@link Environment#step} is a pure function, so the noise cannot come from a shared generator:
 * the state carries a per-episode seed and a step counter after the inner state and the K noise values,
 * and each step's ε is drawn from a generator seeded by (seed, counter).
 */
final class Distracted implements Environment {
    static final List<EnvParameter> PARAMETERS = List.of(
            new EnvParameter("distractors", 0, false, "number of appended AR(1) noise observations (integer >= 0)"),
            new EnvParameter("distractor_rho", 0.9, false, "autocorrelation of the noise observations, in [0, 1)"));
    private static final long SEED_MASK = (1L << 52) - 1;   // exact as a double

    private final Environment inner;
    private final int k;
    private final double rho;
    private final double innovation;
    private final int innerState;
    private final Map<String, Double> params;

    Distracted(Environment inner, int k, double rho) {
        this.inner = inner;
        this.k = k;
        this.rho = rho;
        this.innovation = Math.sqrt(1 - rho * rho);
        this.innerState = inner.reset(new SplittableRandom(0)).length;
        Map<String, Double> p = new LinkedHashMap<>(inner.parameters());
        p.put("distractors", (double) k);
        p.put("distractor_rho", rho);
        this.params = java.util.Collections.unmodifiableMap(p);
    }

    /** Why a (distractors, distractor_rho) pair is invalid, or null. */
    static String invalidReason(double k, double rho) {
        if (!(k >= 0) || k != Math.rint(k) || k > 1000) return "distractors must be an integer in 0..1000, got " + k;
        if (!(rho >= 0 && rho < 1)) return "distractor_rho must be in [0, 1), got " + rho;
        return null;
    }

    @Override public String name() { return inner.name(); }
    @Override public String gymId() { return inner.gymId(); }
    @Override public int obsDim() { return inner.obsDim() + k; }
    @Override public ActionSpace actionSpace() { return inner.actionSpace(); }
    @Override public int maxEpisodeSteps() { return inner.maxEpisodeSteps(); }
    @Override public Map<String, Double> parameters() { return params; }

    @Override public double[] reset(RandomGenerator rng) {
        double[] s = inner.reset(rng);
        double[] noise = new double[k];
        for (int j = 0; j < k; j++) noise[j] = rng.nextGaussian();
        return pack(s, noise, rng.nextLong() & SEED_MASK, 0);
    }

    @Override public Step step(double[] state, double[] action) {
        Step st = inner.step(java.util.Arrays.copyOf(state, innerState), action);
        long seed = (long) state[innerState + k];
        long count = (long) state[innerState + k + 1];
        SplittableRandom rng = new SplittableRandom(SeedStreams.distractors(seed, count));
        double[] noise = new double[k];
        for (int j = 0; j < k; j++) noise[j] = rho * state[innerState + j] + innovation * rng.nextGaussian();
        return new Step(pack(st.state(), noise, seed, count + 1), st.reward(), st.terminated());
    }

    @Override public double[] observe(double[] state) {
        double[] o = inner.observe(java.util.Arrays.copyOf(state, innerState));
        double[] out = java.util.Arrays.copyOf(o, o.length + k);
        for (int j = 0; j < k; j++) out[o.length + j] = (float) state[innerState + j];
        return out;
    }

    @Override public double[] stateFromObs(double[] obs) {
        int d = inner.obsDim();
        double[] s = inner.stateFromObs(java.util.Arrays.copyOf(obs, d));
        double[] noise = java.util.Arrays.copyOfRange(obs, d, d + k);
        return pack(s, noise, java.util.Arrays.hashCode(obs) & SEED_MASK, 0);
    }

    private double[] pack(double[] s, double[] noise, long seed, long count) {
        double[] out = new double[s.length + k + 2];
        System.arraycopy(s, 0, out, 0, s.length);
        System.arraycopy(noise, 0, out, s.length, k);
        out[s.length + k] = seed;
        out[s.length + k + 1] = count;
        return out;
    }
}
