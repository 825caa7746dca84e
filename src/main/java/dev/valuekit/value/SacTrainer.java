package dev.valuekit.value;

import dev.valuekit.table.Transitions;

import dev.valuekit.common.SeedStreams;
import dev.valuekit.common.ComputationException;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.tensor.Normalizer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Soft actor-critic on a fixed source of transitions (offline SAC-N), optionally with MBPO/RAVL model
 * rollouts feeding a synthetic buffer. Each step, on one minibatch:
 * <pre>
 *   critics: y = backup(r, γ, terminal, agg_m Q'_m(s', a') − α·log π(a'|s')),  a' ~ π(s')
 *            loss Σ_m mean (Q_m(s, a) − y)²
 *   actor:   a ~ π(s) reparameterised,  loss mean(α·log π(a|s) − agg_m Q_m(s, a))
 *   alpha:   loss −log α · mean(log π(a|s) + H̄)   (automatic tuning, H̄ = −dim(a) by default)
 *   targets: θ' ← τ·θ + (1 − τ)·θ'
 * </pre>
 */
public final class SacTrainer {
    private final SacOptions o;
    private final CriticEnsemble critics;
    private final TanhGaussianActor actor;
    private double logAlpha;
    private final AdamScalar alphaAdam;
    private final double targetEntropy;

    /** Losses and speed of a finished run. */
    /**
     * {@code cpuSeconds}: CPU time of the whole process during training, JIT and GC threads included (wall
     * time misleads on a shared machine).
     */
    public record Result(long steps, double criticLoss, double actorLoss, double alpha, double meanQ, double seconds,
                         double cpuSeconds, long syntheticTransitions) {}

    public SacTrainer(SacOptions o, Normalizer obsNorm, Normalizer obsActNorm, double[] low, double[] high) {
        this.o = o;
        this.critics = new CriticEnsemble("q", o.critics(), obsActNorm, o.criticArch(), o.criticLr(), o.seed(), o.spectralNorm());
        this.actor = new TanhGaussianActor(obsNorm, low, high, o.actorArch(), o.actorLr(), o.seed() + 1);
        this.logAlpha = Math.log(Double.isNaN(o.fixedAlpha()) ? o.initAlpha() : o.fixedAlpha());
        this.alphaAdam = new AdamScalar(o.alphaLr());
        this.targetEntropy = Double.isNaN(o.targetEntropy()) ? -low.length : o.targetEntropy();
    }

    /** A trainer whose normalisers are fitted on the data's observations and observation-action rows. */
    public static SacTrainer forData(SacOptions o, Transitions d, double[] low, double[] high) {
        Normalizer obsNorm = Normalizer.fit(d.obs(), d.rows(), d.obsDim());
        Normalizer qNorm = Normalizer.fit(Transitions.concatRows(d.obs(), d.act(), d.rows()), d.rows(), d.obsDim() + d.actDim());
        return new SacTrainer(o, obsNorm, qNorm, low, high);
    }

    public CriticEnsemble critics() { return critics; }
    public TanhGaussianActor actor() { return actor; }
    public double alpha() { return Math.exp(logAlpha); }

    /**
     * Runs {@code o.steps()} updates. With {@code rollouts}, a round of model rollouts runs every
     * {@code epochSteps} steps (first at step 0) into {@code buffer}, and batches mix {@code realRatio}
     * of real rows with synthetic ones.
     */
    public Result train(TransitionSource real, SyntheticRollouts rollouts, SyntheticBuffer buffer, double realRatio,
                        int epochSteps, ProgressListener progress) {
        SplittableRandom rng = new SplittableRandom(SeedStreams.sac(o.seed()));
        TransitionSource source = rollouts == null ? real : buffer.mixedWith(real, realRatio);
        long synthetic = 0;
        double cl = Double.NaN, al = Double.NaN, q = Double.NaN;
        long t0 = System.nanoTime();
        long c0 = CpuTime.processNanos();
        progress.start("sac: " + o.steps() + " steps, " + o.critics() + " critics", o.steps());
        for (long step = 0; step < o.steps(); step++) {
            if (rollouts != null && step % epochSteps == 0) synthetic += rollouts.run(actor, buffer, rng);
            TransitionSample b = source.sample(o.batch(), rng);
            cl = criticStep(b, rng);
            double[] aq = actorStep(b, rng);
            al = aq[0];
            q = aq[1];
            critics.polyak(o.tau());
            if (!Double.isFinite(cl) || !Double.isFinite(al)) {
                throw new ComputationException("sac diverged at step " + (step + 1) + ": critic loss " + cl + ", actor loss " + al
                        + " (lower --lr, or use more critics / a pessimistic --critic-target)");
            }
            if ((step + 1) % 100 == 0 || step + 1 == o.steps()) progress.advance(step + 1);
            if ((step + 1) % 1000 == 0) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("step", step + 1);
                m.put("critic_loss", cl);
                m.put("actor_loss", al);
                m.put("alpha", alpha());
                m.put("q", q);
                progress.metrics("sac", m);
            }
        }
        progress.finish();
        return new Result(o.steps(), cl, al, alpha(), q, (System.nanoTime() - t0) / 1e9,
                (CpuTime.processNanos() - c0) / 1e9, synthetic);
    }

    /** One critic update; returns its loss. */
    double criticStep(TransitionSample b, SplittableRandom rng) {
        int n = b.n();
        TanhGaussianActor.Sample next = actor.sample(b.nextObs(), n, rng);
        double[] nq = critics.predictTarget(Transitions.concatRows(b.nextObs(), next.action(), n), n);
        double[] y = BootstrapTarget.compute(b.reward(), b.terminal(), nq, critics.members(), o.target(), o.gamma(),
                o.credit(), next.logProb(), alpha());
        if (o.eta() > 0) return critics.trainDiverse(b.obsAct(), n, y, b.obs().length / n, o.eta());
        if (o.adversarialEps() > 0) {
            return critics.trainAdversarial(b.obsAct(), n, y, b.obs().length / n, o.adversarialEps(), o.adversarialCoef());
        }
        return critics.train(b.obsAct(), n, y);
    }

    /** One actor (and temperature) update; returns {actor loss, mean aggregated Q of the actor's actions}. */
    double[] actorStep(TransitionSample b, SplittableRandom rng) {
        int n = b.n(), k = actor.actDim();
        double alpha = alpha();
        TanhGaussianActor.Sample s = actor.sample(b.obs(), n, rng);
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0 / n);
        double[] qv = new double[n];
        double[] g = critics.inputGradient(Transitions.concatRows(b.obs(), s.action(), n), n, o.target(), w, qv);
        int in = critics.inputs(), d = in - k;
        double[] dA = new double[n * k];
        for (int i = 0; i < n; i++) for (int j = 0; j < k; j++) dA[i * k + j] = -g[i * in + d + j];  // loss −Q
        double[] dLp = new double[n];
        java.util.Arrays.fill(dLp, alpha / n);
        actor.zeroGrad();
        actor.backward(s, dA, dLp);
        actor.step();
        double loss = 0, meanLp = 0, meanQ = 0;
        for (int i = 0; i < n; i++) {
            loss += (alpha * s.logProb()[i] - qv[i]) / n;
            meanLp += s.logProb()[i] / n;
            meanQ += qv[i] / n;
        }
        if (Double.isNaN(o.fixedAlpha())) logAlpha = alphaAdam.step(logAlpha, -(meanLp + targetEntropy));
        return new double[] {loss, meanQ};
    }
}
