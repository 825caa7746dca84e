package dev.valuekit.value;

import dev.valuekit.common.BadInputException;
import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Normalizer;
import dev.valuekit.tensor.Precision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The value gradient VaGraM weights with, against central finite differences of the value itself:
 * through the input normaliser (non-trivial mean and std), aggregated over critics, and for an agent
 * with the action held at the actor's mean action of the unperturbed state.
 */
class StateValueTest {
    @BeforeAll static void runtime() { Nd4jRuntime.configure(Precision.F64, 1); }

    private static final Mlp ARCH = new Mlp(new int[] {8, 8}, Activation.TANH);

    @Test
    void valueGradientMatchesFiniteDifferences() {
        Normalizer norm = Normalizer.of(new double[] {0.5, -1, 2}, new double[] {0.3, 2, 5});
        for (Aggregation agg : new Aggregation[] {Aggregation.MEAN, Aggregation.MIN, Aggregation.parse("mean-std:1")}) {
            CriticEnsemble c = new CriticEnsemble("value", 3, norm, ARCH, 1e-3, 7);
            FittedValue v = new FittedValue(ValueArtifacts.VALUE, "v.safetensors", "td", 0.99, agg,
                    new String[] {"obs_0", "obs_1", "obs_2"}, new String[0], c, null);
            check(StateValue.of(v), 3, null);
        }
    }

    @Test
    void agentGradientHoldsTheActorsActionFixed() {
        Normalizer qNorm = Normalizer.of(new double[] {0, 0, 0, 0.1}, new double[] {1, 2, 0.5, 1.5});
        Normalizer obsNorm = Normalizer.of(new double[] {0, 0, 0}, new double[] {1, 2, 0.5});
        CriticEnsemble c = new CriticEnsemble("q", 2, qNorm, ARCH, 1e-3, 3);
        TanhGaussianActor actor = new TanhGaussianActor(obsNorm, new double[] {-2}, new double[] {2}, ARCH, 1e-3, 4);
        FittedValue v = new FittedValue(ValueArtifacts.AGENT, "agent.safetensors", "sac", 0.99, Aggregation.MIN,
                new String[] {"obs_0", "obs_1", "obs_2"}, new String[] {"act_0"}, c, actor);
        check(StateValue.of(v), 3, v);
    }

    @Test
    void aPlainQModelIsRefused() {
        CriticEnsemble c = new CriticEnsemble("q", 1, Normalizer.of(new double[2], new double[] {1, 1}), ARCH, 1e-3, 3);
        FittedValue v = new FittedValue(ValueArtifacts.Q, "q.safetensors", "td", 0.99, Aggregation.MIN,
                new String[] {"obs_0"}, new String[] {"act_0"}, c, null);
        assertThrows(BadInputException.class, () -> StateValue.of(v));
    }

    /** Compares the analytic gradient with finite differences; for an agent the action is frozen at μ(s). */
    private static void check(StateValue sv, int d, FittedValue agent) {
        SplittableRandom rng = new SplittableRandom(11);
        int n = 5;
        double[] obs = new double[n * d];
        for (int i = 0; i < obs.length; i++) obs[i] = rng.nextDouble(-2, 2);
        double[] g = sv.gradient(obs, n);
        double h = 1e-6;
        for (int i = 0; i < n; i++) {
            double[] row = java.util.Arrays.copyOfRange(obs, i * d, (i + 1) * d);
            double[] a = agent == null ? null : agent.actor().meanAction(row, 1);
            for (int j = 0; j < d; j++) {
                double[] up = row.clone(), down = row.clone();
                up[j] += h;
                down[j] -= h;
                double fd = (value(sv, agent, up, a) - value(sv, agent, down, a)) / (2 * h);
                assertEquals(fd, g[i * d + j], 1e-6 * Math.max(1, Math.abs(fd)), "row " + i + " dim " + j);
            }
        }
    }

    private static double value(StateValue sv, FittedValue agent, double[] s, double[] a) {
        if (agent == null) return sv.values(s, 1)[0];
        double[] x = java.util.Arrays.copyOf(s, s.length + a.length);
        System.arraycopy(a, 0, x, s.length, a.length);
        return agent.value(x, 1)[0];
    }
}
