package dev.valuekit.value;

import dev.valuekit.common.ComputationException;
import dev.valuekit.common.SeedStreams;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.table.Transitions;
import dev.valuekit.tensor.Normalizer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Implicit Q-learning (Kostrikov et al. 2021) on a fixed source of transitions. Each step, on one minibatch, in the
 * order of the authors' reference implementation:
 * <pre>
 *   value:   L_V = mean L₂^τ(min_m Q'_m(s, a) − V(s))                         (expectile regression, target critics)
 *   actor:   L_π = −mean min(exp(β·(min_m Q'_m(s, a) − V(s))), 100)·log π(a|s)   (advantage-weighted regression, new V)
 *   critics: L_Q = Σ_m mean (Q_m(s, a) − (r + γ·(1 − d)·V(s')))²                (new V; no max over actions anywhere)
 *   targets: θ' ← τ_p·θ + (1 − τ_p)·θ'
 * </pre>
 * Only the data's actions are ever evaluated by Q, which is what keeps IQL in the data's support. The actor is
 * SAC's tanh-Gaussian ({@link TanhGaussianActor}), so the agent file is read like any other; its mean action is the policy.
 */
public final class IqlTrainer {
    /** The advantage weights' clip (the paper's reference code and d3rlpy use 100). */
    public static final double MAX_WEIGHT = 100;

    private final IqlOptions o;
    private final CriticEnsemble critics;
    private final CriticEnsemble value;
    private final TanhGaussianActor actor;

    /** Losses, mean advantage weight and speed of a finished run (CPU seconds: the whole process's, as SAC's). */
    public record Result(long steps, double criticLoss, double valueLoss, double actorLoss, double meanWeight, double meanQ,
                         double seconds, double cpuSeconds) {}

    public IqlTrainer(IqlOptions o, Normalizer obsNorm, Normalizer obsActNorm, double[] low, double[] high) {
        this.o = o;
        this.critics = new CriticEnsemble("q", o.critics(), obsActNorm, o.criticArch(), o.criticLr(), o.seed());
        this.value = new CriticEnsemble("value", 1, obsNorm, o.criticArch(), o.criticLr(), o.seed() + 2);
        this.actor = new TanhGaussianActor(obsNorm, low, high, o.actorArch(), o.actorLr(), o.seed() + 1);
    }

    /** A trainer whose normalisers are fitted on the data's observations and observation-action rows. */
    public static IqlTrainer forData(IqlOptions o, Transitions d, double[] low, double[] high) {
        Normalizer obsNorm = Normalizer.fit(d.obs(), d.rows(), d.obsDim());
        Normalizer qNorm = Normalizer.fit(d.obsAct(), d.rows(), d.obsDim() + d.actDim());
        return new IqlTrainer(o, obsNorm, qNorm, low, high);
    }

    public CriticEnsemble critics() { return critics; }
    public CriticEnsemble value() { return value; }
    public TanhGaussianActor actor() { return actor; }

    public Result train(TransitionSource source, ProgressListener progress) {
        SplittableRandom rng = new SplittableRandom(SeedStreams.iql(o.seed()));
        double ql = Double.NaN, vl = Double.NaN, al = Double.NaN, mw = Double.NaN, q = Double.NaN;
        long t0 = System.nanoTime(), c0 = CpuTime.processNanos();
        progress.start("iql: " + o.steps() + " steps, " + o.critics() + " critics", o.steps());
        for (long step = 0; step < o.steps(); step++) {
            TransitionSample b = source.sample(o.batch(), rng);
            double[] stats = step(b);
            vl = stats[0];
            al = stats[1];
            ql = stats[2];
            mw = stats[3];
            q = stats[4];
            if (!Double.isFinite(ql) || !Double.isFinite(vl) || !Double.isFinite(al)) {
                throw new ComputationException("iql diverged at step " + (step + 1) + ": q loss " + ql + ", value loss " + vl
                        + ", actor loss " + al + " (lower --lr or --temperature)");
            }
            if ((step + 1) % 100 == 0 || step + 1 == o.steps()) progress.advance(step + 1);
            if ((step + 1) % 1000 == 0) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("step", step + 1);
                m.put("q_loss", ql);
                m.put("value_loss", vl);
                m.put("actor_loss", al);
                m.put("mean_weight", mw);
                m.put("q", q);
                progress.metrics("iql", m);
            }
        }
        progress.finish();
        return new Result(o.steps(), ql, vl, al, mw, q, (System.nanoTime() - t0) / 1e9, (CpuTime.processNanos() - c0) / 1e9);
    }

    /** One IQL update; returns {value loss, actor loss, critic loss, mean advantage weight, mean target Q}. */
    double[] step(TransitionSample b) {
        int n = b.n();
        double[] x = b.obsAct();
        double[] qt = critics.predictTarget(x, n);
        double[] qMin = new double[n];
        for (int i = 0; i < n; i++) qMin[i] = Aggregation.MIN.apply(qt, critics.members(), n, i);
        double vl = value.trainExpectile(b.obs(), n, qMin, o.expectile());

        double[] v = value.predict(b.obs(), n);
        double[] w = new double[n];
        double meanW = 0, meanQ = 0;
        for (int i = 0; i < n; i++) {
            w[i] = advantageWeight(qMin[i] - v[i], o.temperature()) / n;
            meanW += w[i];
            meanQ += qMin[i] / n;
        }
        actor.zeroGrad();
        double al = actor.weightedLogLikelihoodBackward(b.obs(), b.act(), n, w);
        actor.step();

        double[] nv = value.predict(b.nextObs(), n);
        double[] y = BootstrapTarget.compute(b.reward(), b.terminal(), nv, 1, Aggregation.MEAN, o.gamma(), Credit.SUM, null, 0);
        double ql = critics.train(x, n, y);
        critics.polyak(o.polyak());
        return new double[] {vl, al, ql, meanW, meanQ};
    }

    /** exp(β·A) clipped at {@value #MAX_WEIGHT}. */
    static double advantageWeight(double advantage, double beta) {
        return Math.min(Math.exp(beta * advantage), MAX_WEIGHT);
    }
}
