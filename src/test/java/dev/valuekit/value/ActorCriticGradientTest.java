package dev.valuekit.value;

import dev.valuekit.table.Transitions;

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

/** Finite-difference checks (float64) of the critic's input gradient and of the actor's gradient through it. */
class ActorCriticGradientTest {
    @BeforeAll static void f64() { Nd4jRuntime.configure(Precision.F64, 1); }
    @AfterAll static void f32() { Nd4jRuntime.configure(Precision.F32, 1); }

    private static final Mlp ARCH = new Mlp(new int[] {8, 8}, Activation.TANH);

    @Test
    void criticInputGradientOfTheMinTargetMatchesFiniteDifferences() {
        Normalizer norm = Normalizer.of(new double[] {0.1, -0.2, 0.3}, new double[] {0.5, 2.0, 1.5});
        CriticEnsemble c = new CriticEnsemble("q", 3, norm, ARCH, 1e-3, 7);
        int n = 4;
        double[] x = new Random(1).doubles(n * 3, -1, 1).toArray();
        double[] w = {0.25, -0.5, 1.0, 2.0};
        for (Aggregation agg : new Aggregation[] {Aggregation.MIN, Aggregation.MEAN, Aggregation.parse("mean-std:1.5")}) {
            double[] g = c.inputGradient(x, n, agg, w, null);
            for (int i = 0; i < x.length; i++) {
                double d = 1e-6;
                double[] xp = x.clone(), xm = x.clone();
                xp[i] += d;
                xm[i] -= d;
                double num = (weighted(c, xp, n, agg, w) - weighted(c, xm, n, agg, w)) / (2 * d);
                assertEquals(num, g[i], 1e-6, agg + " input " + i);
            }
        }
    }

    @Test
    void actorGradientThroughTheCriticMatchesFiniteDifferencesOfTheSacActorLoss() {
        int n = 3, d = 2, k = 2;
        Normalizer obsNorm = Normalizer.of(new double[] {0, 0}, new double[] {1, 2});
        Normalizer qNorm = Normalizer.of(new double[] {0, 0, 0, 0}, new double[] {1, 2, 1.5, 0.5});
        TanhGaussianActor actor = new TanhGaussianActor(obsNorm, new double[] {-2, -1}, new double[] {2, 3}, ARCH, 1e-3, 3);
        CriticEnsemble critics = new CriticEnsemble("q", 2, qNorm, ARCH, 1e-3, 5);
        double[] obs = new Random(2).doubles(n * d, -1, 1).toArray();
        double alpha = 0.3;
        // analytic: the gradient SacTrainer.actorStep applies, with fixed noise
        java.util.random.RandomGenerator noise = new java.util.SplittableRandom(9);
        TanhGaussianActor.Sample s = actor.sample(obs, n, noise);
        double[] eps = s.eps();
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0 / n);
        double[] g = critics.inputGradient(Transitions.concatRows(obs, s.action(), n), n, Aggregation.MIN, w, null);
        double[] dA = new double[n * k];
        for (int i = 0; i < n; i++) for (int j = 0; j < k; j++) dA[i * k + j] = -g[i * (d + k) + d + j];
        double[] dLp = new double[n];
        java.util.Arrays.fill(dLp, alpha / n);
        actor.sample(obs, n, new java.util.SplittableRandom(9));   // same draws; the network holds this forward
        actor.zeroGrad();
        actor.backward(s, dA, dLp);
        Param w0 = actor.network().params().list().get(0);
        Param bOut = actor.network().params().list().get(5);
        for (Param p : new Param[] {w0, bOut}) {
            double[] grad = p.grad().data().asDouble();
            double[] val = p.toDoubleArray();
            for (int i = 0; i < Math.min(val.length, 6); i++) {
                double h = 1e-6;
                double[] vp = val.clone(), vm = val.clone();
                vp[i] += h;
                vm[i] -= h;
                p.set(vp);
                double lp = loss(actor, critics, obs, n, eps, alpha);
                p.set(vm);
                double lm = loss(actor, critics, obs, n, eps, alpha);
                p.set(val);
                assertEquals((lp - lm) / (2 * h), grad[i], 1e-6, p.name() + "[" + i + "]");
            }
        }
    }

    /** mean(α·log π(a|s) − min_m Q_m(s, a)) with the actions made from fixed noise. */
    private static double loss(TanhGaussianActor actor, CriticEnsemble critics, double[] obs, int n, double[] eps, double alpha) {
        java.util.Iterator<Double> it = java.util.Arrays.stream(eps).boxed().iterator();
        java.util.random.RandomGenerator fixed = new java.util.random.RandomGenerator() {
            @Override public long nextLong() { throw new UnsupportedOperationException(); }
            @Override public double nextGaussian() { return it.next(); }
        };
        TanhGaussianActor.Sample s = actor.sample(obs, n, fixed);
        double[] q = critics.predict(Transitions.concatRows(obs, s.action(), n), n);
        double l = 0;
        for (int i = 0; i < n; i++) l += (alpha * s.logProb()[i] - Aggregation.MIN.apply(q, critics.members(), n, i)) / n;
        return l;
    }

    private static double weighted(CriticEnsemble c, double[] x, int n, Aggregation agg, double[] w) {
        double[] q = c.predict(x, n);
        double s = 0;
        for (int i = 0; i < n; i++) s += w[i] * agg.apply(q, c.members(), n, i);
        return s;
    }
}
