package dev.valuekit.dynamics;

import dev.valuekit.env.ActionSpace;
import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.EnsembleDense;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Normalizer;
import dev.valuekit.tensor.Precision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A network whose weights are all zero predicts its output-layer bias for every input, so member
 * means and log-variances are set by hand and every prediction can be checked exactly.
 */
class LearnedDynamicsTest {
    // 3 members, obs dim 2, act dim 1 → targets Δobs0, Δobs1, reward
    static final double[][] MEAN = {{1, 2, -1}, {3, 4, -2}, {100, 100, 100}};
    static final double LOGVAR = Math.log(0.25); // σ = 0.5, inside the bounds [-10, 0.5]

    @BeforeAll
    static void f64() { Nd4jRuntime.configure(Precision.F64, 1); }

    static DynamicsSpec spec(Termination term, int[] elites) {
        return new DynamicsSpec(3, 4, 1, Activation.SILU, TrainOptions.Loss.NLL, "f64", new String[] {"obs_0", "obs_1"},
                new String[] {"act_0"}, new double[] {0, 0, 0}, new double[] {1, 1, 1}, elites, term,
                ActionSpace.box(new double[] {-2}, new double[] {2}));
    }

    static DynamicsNetwork network() {
        DynamicsNetwork net = new DynamicsNetwork(3, 3, 3, new int[] {4}, Activation.SILU, true, false,
                Normalizer.of(new double[] {0, 0, 0}, new double[] {1, 1, 1}), 0);
        for (EnsembleDense d : net.body().layers()) d.weight().set(new double[(int) d.weight().size()]);
        EnsembleDense out = net.body().layers().get(1);
        double[] bias = new double[3 * 6];
        for (int m = 0; m < 3; m++) {
            for (int j = 0; j < 3; j++) {
                bias[m * 6 + j] = MEAN[m][j];
                bias[m * 6 + 3 + j] = rawFor(LOGVAR);
            }
        }
        out.bias().set(bias);
        return net;
    }

    /** The raw output whose soft-clamped log-variance is lv (inverting both softplus clamps). */
    static double rawFor(double lv) {
        double a = -10 + Math.log(Math.expm1(lv + 10));   // lv = −10 + softplus(a + 10)
        return 0.5 - Math.log(Math.expm1(0.5 - a));       // a = 0.5 − softplus(0.5 − raw)
    }

    @Test
    void deterministicRandomEliteAddsThatMembersMeanToTheObservation() {
        LearnedDynamics m = new LearnedDynamics("t", spec(Termination.NONE, new int[] {1, 0}), network(), false, true);
        double[][] obs = new double[200][];
        double[][] act = new double[200][];
        for (int i = 0; i < 200; i++) { obs[i] = new double[] {i, -i}; act[i] = new double[] {0.3}; }
        EnsembleStep s = m.step(obs, act, new SplittableRandom(1));
        int[] seen = new int[3];
        for (int i = 0; i < 200; i++) {
            int e = s.member()[i];
            seen[e]++;
            assertEquals(i + MEAN[e][0], s.prediction().nextObs()[i][0], 1e-9);
            assertEquals(-i + MEAN[e][1], s.prediction().nextObs()[i][1], 1e-9);
            assertEquals(MEAN[e][2], s.prediction().reward()[i], 1e-9);
            assertFalse(s.prediction().terminated()[i]);
        }
        assertEquals(0, seen[2], "member 2 is not an elite and must never be used");
        assertTrue(seen[0] > 60 && seen[1] > 60, "elites are drawn uniformly per row");
        assertEquals(Math.exp(LOGVAR), Math.exp(s.eliteLogVar()[0][0]), 1e-9);
    }

    @Test
    void memberMeanAveragesTheElites() {
        LearnedDynamics m = new LearnedDynamics("t", spec(Termination.NONE, new int[] {0, 1}), network(), true, true);
        var p = m.predict(new double[][] {{1, 1}}, new double[][] {{0}}, new SplittableRandom(0));
        assertEquals(1 + 2, p.nextObs()[0][0], 1e-9);
        assertEquals(1 + 3, p.nextObs()[0][1], 1e-9);
        assertEquals(-1.5, p.reward()[0], 1e-9);
    }

    @Test
    void samplingDrawsFromThePredictedGaussian() {
        LearnedDynamics m = new LearnedDynamics("t", spec(Termination.NONE, new int[] {0}), network(), false, false);
        int n = 20000;
        double[][] obs = new double[n][2], act = new double[n][1];
        var p = m.predict(obs, act, new SplittableRandom(5));
        double s = 0, s2 = 0;
        for (int i = 0; i < n; i++) { s += p.reward()[i]; s2 += p.reward()[i] * p.reward()[i]; }
        double mean = s / n, var = s2 / n - mean * mean;
        assertEquals(-1, mean, 0.02);
        assertEquals(0.25, var, 0.01);
    }

    @Test
    void envTerminationAppliesTheRuleToThePredictedObservation() {
        // mountaincar ends when position >= 0.45 and velocity >= 0; member 0 adds (1, 2)
        LearnedDynamics m = new LearnedDynamics("t", spec(new Termination(Termination.Kind.ENV, "mountaincar"), new int[] {0}),
                network(), false, true);
        var p = m.predict(new double[][] {{-0.5, -2.0}, {-0.6, 0}}, new double[][] {{0}, {0}}, new SplittableRandom(0));
        assertTrue(p.terminated()[0], "next (0.5, 0) is at the goal");
        assertFalse(p.terminated()[1], "next (0.4, 2) is short of the goal");
    }
}
