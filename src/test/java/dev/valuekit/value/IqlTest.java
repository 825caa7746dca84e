package dev.valuekit.value;

import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Normalizer;
import dev.valuekit.tensor.Param;
import dev.valuekit.tensor.Precision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IQL's pieces against hand-computed values (float64): the expectile loss, the advantage weights, the AWR gradient. */
class IqlTest {
    @BeforeAll static void f64() { Nd4jRuntime.configure(Precision.F64, 1); }
    @AfterAll static void f32() { Nd4jRuntime.configure(Precision.F32, 1); }

    @Test
    void expectileLossWeighsPositiveResidualsByTauAndNegativeOnesByOneMinusTau() {
        assertEquals(0.7 * 4, Expectile.loss(2, 0.7), 1e-12);
        assertEquals(0.3 * 4, Expectile.loss(-2, 0.7), 1e-12);
        assertEquals(2 * 0.7 * 2, Expectile.derivative(2, 0.7), 1e-12);
        assertEquals(2 * 0.3 * -2, Expectile.derivative(-2, 0.7), 1e-12);
        assertEquals(Expectile.loss(1.5, 0.5), Expectile.loss(-1.5, 0.5), 1e-12);   // τ = 0.5: symmetric, the mean
    }

    @Test
    void aValueTrainedByExpectileRegressionOnTargetsZeroAndOneSettlesAtTau() {
        // the τ-expectile e of {0, 1} solves τ·(1 − e) = (1 − τ)·e, so e = τ
        for (double tau : new double[] {0.5, 0.7, 0.9}) {
            CriticEnsemble v = new CriticEnsemble("value", 1, Normalizer.of(new double[] {0}, new double[] {1}),
                    new Mlp(new int[] {4}, Activation.TANH), 1e-2, 3);
            double[] x = new double[64];
            double[] y = new double[64];
            for (int i = 0; i < 64; i++) y[i] = i % 2;
            for (int s = 0; s < 1500; s++) v.trainExpectile(x, 64, y, tau);
            assertEquals(tau, v.predict(new double[] {0}, 1)[0], 0.02, "tau " + tau);
        }
    }

    @Test
    void advantageWeightsAreExpOfBetaTimesAdvantageClippedAt100() {
        assertEquals(Math.exp(3 * 0.5), IqlTrainer.advantageWeight(0.5, 3), 1e-12);
        assertEquals(Math.exp(-3), IqlTrainer.advantageWeight(-1, 3), 1e-12);
        assertEquals(100, IqlTrainer.advantageWeight(2, 3), 0);            // e^6 ≈ 403 is clipped
        assertEquals(1, IqlTrainer.advantageWeight(7, 0), 0);              // β = 0: behaviour cloning
    }

    @Test
    void logLikelihoodOfAGivenActionMatchesTheGaussianInPreTanhSpace() {
        // μ = 0.2, ℓ = −0.5, action a = c + h·tanh(u) with u = 0.7, box [−2, 2]
        double mu = 0.2, l = -0.5, u = 0.7, h = 2, sigma = Math.exp(l), z = (u - mu) / sigma;
        double expected = -0.5 * z * z - l - 0.5 * Math.log(2 * Math.PI) - Math.log(1 - Math.tanh(u) * Math.tanh(u)) - Math.log(h);
        assertEquals(expected, TanhGaussian.logProbOfPreTanh(mu, l, u, h), 1e-12);
        double[] g = TanhGaussian.preTanhGradient(mu, l, u);
        assertEquals(z / sigma, g[0], 1e-12);
        assertEquals(z * z - 1, g[1], 1e-12);
    }

    @Test
    void weightedLogLikelihoodGradientMatchesFiniteDifferences() {
        int n = 4, d = 2, k = 2;
        Normalizer obsNorm = Normalizer.of(new double[] {0, 0}, new double[] {1, 2});
        TanhGaussianActor actor = new TanhGaussianActor(obsNorm, new double[] {-2, -1}, new double[] {2, 3},
                new Mlp(new int[] {8}, Activation.TANH), 1e-3, 3);
        Random r = new Random(5);
        double[] obs = r.doubles(n * d, -1, 1).toArray();
        double[] act = {1.5, 0.0, -2.0, 2.9, 0.1, -0.9, -1.2, 1.0};   // −2.0 sits on the box's edge
        double[] w = {0.1, 0.5, 0.25, 0.15};
        actor.zeroGrad();
        double loss = actor.weightedLogLikelihoodBackward(obs, act, n, w);
        double[] lp = actor.logProb(obs, act, n);
        double direct = 0;
        for (int i = 0; i < n; i++) direct -= w[i] * lp[i];
        assertEquals(direct, loss, 1e-9);
        for (Param p : actor.network().params().list()) {
            double[] grad = p.grad().data().asDouble();
            double[] val = p.toDoubleArray();
            for (int i = 0; i < Math.min(val.length, 5); i++) {
                double e = 1e-6;
                double[] vp = val.clone(), vm = val.clone();
                vp[i] += e;
                vm[i] -= e;
                p.set(vp);
                double fp = nll(actor, obs, act, n, w);
                p.set(vm);
                double fm = nll(actor, obs, act, n, w);
                p.set(val);
                assertEquals((fp - fm) / (2 * e), grad[i], 1e-5, p.name() + "[" + i + "]");
            }
        }
    }

    @Test
    void oneIqlStepLowersTheValueTowardsAnUpperExpectileOfQ() {
        int n = 32;
        IqlOptions o = new IqlOptions(2, new Mlp(new int[] {16}, Activation.RELU), new Mlp(new int[] {16}, Activation.RELU), 0.9, 0.005,
                1e-3, 1e-3, n, 1, 0.9, 3, 1);
        IqlTrainer t = new IqlTrainer(o, Normalizer.of(new double[] {0}, new double[] {1}), Normalizer.of(new double[] {0, 0},
                new double[] {1, 1}), new double[] {-1}, new double[] {1});
        Random r = new Random(2);
        double[] obs = r.doubles(n, -1, 1).toArray(), act = r.doubles(n, -1, 1).toArray();
        double[] rew = r.doubles(n, -1, 0).toArray();
        TransitionSample b = new TransitionSample(n, obs, act, rew, obs.clone(), new boolean[n]);
        double[] first = t.step(b);
        for (int i = 0; i < 300; i++) t.step(b);
        double[] last = t.step(b);
        assertTrue(last[0] < first[0], "value loss falls: " + first[0] + " -> " + last[0]);
        assertTrue(last[2] < first[2], "q loss falls: " + first[2] + " -> " + last[2]);
        assertTrue(last[3] > 0 && last[3] <= IqlTrainer.MAX_WEIGHT, "mean weight " + last[3]);
    }

    private static double nll(TanhGaussianActor actor, double[] obs, double[] act, int n, double[] w) {
        double[] lp = actor.logProb(obs, act, n);
        double s = 0;
        for (int i = 0; i < n; i++) s -= w[i] * lp[i];
        return s;
    }
}
