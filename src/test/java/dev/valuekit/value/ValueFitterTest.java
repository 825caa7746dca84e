package dev.valuekit.value;

import dev.valuekit.table.Transitions;

import dev.valuekit.common.ProgressListener;
import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Precision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fits reach the known values of tiny problems. */
class ValueFitterTest {
    @BeforeAll static void runtime() { Nd4jRuntime.configure(Precision.F32, 1); }

    private static final Mlp ARCH = new Mlp(new int[] {16}, Activation.RELU);

    /** Reward 1 every step, next state = state, never terminal: V = 1 / (1 − γ) = 2 for γ = 0.5. */
    @Test
    void tdZeroReachesTheFixedPointOfAConstantRewardLoop() {
        Transitions d = loop(64, false);
        ValueFitOptions o = new ValueFitOptions(ValueFitOptions.Target.V, ValueFitOptions.Method.TD, 2, ARCH, Aggregation.MIN, Credit.SUM, 0.5,
                3e-3, 32, 1500, 20, 0, 0, 0, 1);
        ValueFitter.Result r = ValueFitter.fit(d, o, null, ProgressListener.NONE);
        double[] v = r.critics().predict(d.obs(), d.rows());
        assertEquals(2.0, mean(v), 0.1);
    }

    /** Min-form credit on the loop with reward −1: V = min(−1, 0.5·V) has the fixed point V = −1. */
    @Test
    void minCreditTdReachesItsFixedPoint() {
        Transitions d = loop(64, false);
        double[] neg = d.reward().clone();
        java.util.Arrays.fill(neg, -1);
        Transitions dn = new Transitions(d.source(), d.obsNames(), d.actNames(), d.rows(), d.obs(), d.act(), neg, d.nextObs(),
                d.terminal(), d.truncated(), d.episode(), d.step());
        ValueFitOptions o = new ValueFitOptions(ValueFitOptions.Target.V, ValueFitOptions.Method.TD, 1, ARCH, Aggregation.MIN, Credit.MIN, 0.5,
                3e-3, 32, 1000, 20, 0, 0, 0, 1);
        double[] v = ValueFitter.fit(dn, o, null, ProgressListener.NONE).critics().predict(dn.obs(), dn.rows());
        assertEquals(-1.0, mean(v), 0.1);
    }

    /** Terminal after one step with reward 1: the Monte-Carlo return, hence V, is 1 everywhere. */
    @Test
    void monteCarloRegressionOnTerminalRows() {
        Transitions d = loop(64, true);
        ValueFitOptions o = new ValueFitOptions(ValueFitOptions.Target.Q, ValueFitOptions.Method.MC, 1, ARCH, Aggregation.MEAN, Credit.SUM, 0.99,
                3e-3, 32, 800, 100, 0.01, 0, 0, 2);
        ValueFitter.Result r = ValueFitter.fit(d, o, null, ProgressListener.NONE);
        assertEquals(64, r.rows());
        assertEquals(1.0, mean(r.critics().predict(Transitions.concatRows(d.obs(), d.act(), d.rows()), d.rows())), 0.05);
    }

    private static Transitions loop(int n, boolean terminal) {
        SplittableRandom rng = new SplittableRandom(3);
        double[] obs = new double[n * 2], act = new double[n], r = new double[n];
        for (int i = 0; i < obs.length; i++) obs[i] = rng.nextDouble(-1, 1);
        for (int i = 0; i < n; i++) { act[i] = rng.nextDouble(-1, 1); r[i] = 1; }
        boolean[] term = new boolean[n];
        java.util.Arrays.fill(term, terminal);
        long[] ep = new long[n], st = new long[n];
        for (int i = 0; i < n; i++) ep[i] = i;
        return new Transitions("loop", new String[] {"obs_0", "obs_1"}, new String[] {"act_0"}, n, obs, act, r, obs.clone(), term,
                new boolean[n], ep, st);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }
}
