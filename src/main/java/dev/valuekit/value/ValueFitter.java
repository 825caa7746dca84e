package dev.valuekit.value;

import dev.valuekit.table.Transitions;

import dev.valuekit.common.BadInputException;
import dev.valuekit.common.ComputationException;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.tensor.Minibatches;
import dev.valuekit.tensor.Normalizer;

import java.util.SplittableRandom;

/**
 * Fits V(s) or Q(s, a) critic ensembles by:
 * <ul>
 *   <li>{@code mc}: regression on {@link MonteCarlo} returns of the data;</li>
 *   <li>{@code td}: TD(0), {@code y = backup(r, γ, terminal, agg V'(s'))} for V (TD(λ) with {@code lambda > 0}:
 *       {@link LambdaReturns}, recomputed at every target update), and for Q the data's own
 *       next action (SARSA: the next row of the episode; rows without one that are not terminal are left out);</li>
 *   <li>{@code fqe}: fitted Q evaluation of a policy, {@code y = backup(r, γ, terminal, agg Q'(s', π(s')))}
 *       (minus {@code α·log π} when soft).</li>
 * </ul>
 * Bootstrapped targets come from a target network copied every {@code targetUpdate} steps.
 */
public final class ValueFitter {
    private ValueFitter() {}

    public record Result(CriticEnsemble critics, double loss, long rows) {}

    public static Result fit(Transitions d, ValueFitOptions o, ActionSource policy, ProgressListener progress) {
        boolean q = o.target() == ValueFitOptions.Target.Q;
        int od = d.obsDim(), k = d.actDim();
        double[] x = q ? Transitions.concatRows(d.obs(), d.act(), d.rows()) : d.obs();
        int in = q ? od + k : od;
        Normalizer norm = Normalizer.fit(x, d.rows(), in);
        CriticEnsemble c = new CriticEnsemble(q ? "q" : "value", o.critics(), norm, o.arch(), o.lr(), o.seed(), o.spectralNorm());
        Episodes eps = Episodes.of(d);
        int[] rows = usableRows(d, o, eps);
        double[] mc = o.method() == ValueFitOptions.Method.MC
                ? MonteCarlo.returns(d, eps, o.gamma(), o.credit(), o.mcDropTolerance()) : null;
        if (o.method() == ValueFitOptions.Method.MC) rows = finiteRows(mc);
        if (rows.length == 0) {
            throw BadInputException.inFile("no usable rows for --method " + o.method().name().toLowerCase()
                    + (o.method() == ValueFitOptions.Method.MC ? ": every episode ends without a terminal state and its tail is dropped" : ""),
                    d.source(), o.method() == ValueFitOptions.Method.MC
                            ? "use --mc-tail keep, a smaller --gamma, or --method td" : "give transitions with episode and step columns");
        }
        boolean useLambda = o.method() == ValueFitOptions.Method.TD && !q && o.lambda() > 0;
        double[] lambdaTargets = useLambda ? lambdaTargets(d, c, eps, o) : null;
        SplittableRandom rng = new SplittableRandom(o.seed() ^ 0xF17L);
        int b = o.batch();
        double loss = Double.NaN;
        progress.start(o.method().name().toLowerCase() + " " + o.target().name() + ": " + o.steps() + " steps", o.steps());
        for (long step = 0; step < o.steps(); step++) {
            int[] idx = new int[b];
            for (int i = 0; i < b; i++) idx[i] = rows[rng.nextInt(rows.length)];
            double[] xb = Minibatches.rows(x, in, idx);
            double[] y = switch (o.method()) {
                case MC -> pick(mc, idx);
                case TD -> useLambda ? pick(lambdaTargets, idx) : tdTargets(d, c, idx, q, eps, o);
                case FQE -> fqeTargets(d, c, idx, policy, rng, o);
                case SAC, IQL, DQN, CQL -> throw new IllegalArgumentException(o.method() + " has its own trainer");
            };
            loss = c.train(xb, b, y);
            if (!Double.isFinite(loss)) {
                throw new ComputationException(o.method().name().toLowerCase() + " diverged: loss " + loss + " at step " + (step + 1)
                        + " (lower --lr)");
            }
            if (o.method() != ValueFitOptions.Method.MC && (step + 1) % o.targetUpdate() == 0) {
                c.hardUpdate();
                if (useLambda) lambdaTargets = lambdaTargets(d, c, eps, o);
            }
            if ((step + 1) % 100 == 0 || step + 1 == o.steps()) progress.advance(step + 1);
        }
        progress.finish();
        return new Result(c, loss, rows.length);
    }

    /** λ-returns of every row from the target network's values of the next states. */
    private static double[] lambdaTargets(Transitions d, CriticEnsemble c, Episodes eps, ValueFitOptions o) {
        double[] nq = c.predictTarget(d.nextObs(), d.rows());
        double[] nv = new double[d.rows()];
        for (int i = 0; i < nv.length; i++) nv[i] = o.aggregation().apply(nq, c.members(), d.rows(), i);
        return LambdaReturns.compute(d, eps, nv, o.gamma(), o.lambda(), o.credit());
    }

    private static int[] usableRows(Transitions d, ValueFitOptions o, Episodes eps) {
        if (o.method() == ValueFitOptions.Method.TD && o.target() == ValueFitOptions.Target.Q) {
            return java.util.stream.IntStream.range(0, d.rows()).filter(r -> d.terminal()[r] || eps.successor(r) >= 0).toArray();
        }
        return java.util.stream.IntStream.range(0, d.rows()).toArray();
    }

    private static int[] finiteRows(double[] v) {
        return java.util.stream.IntStream.range(0, v.length).filter(r -> !Double.isNaN(v[r])).toArray();
    }

    private static double[] tdTargets(Transitions d, CriticEnsemble c, int[] idx, boolean q, Episodes eps, ValueFitOptions o) {
        int n = idx.length, od = d.obsDim(), k = d.actDim();
        double[] next = Minibatches.rows(d.nextObs(), od, idx);
        if (q) {
            double[] a = new double[n * k];
            for (int i = 0; i < n; i++) {
                int s = eps.successor(idx[i]);
                if (s >= 0) System.arraycopy(d.act(), s * k, a, i * k, k);   // terminal rows: any action, not used
            }
            next = Transitions.concatRows(next, a, n);
        }
        double[] nq = c.predictTarget(next, n);
        return BootstrapTarget.compute(pick(d.reward(), idx), pickBool(d.terminal(), idx), nq, c.members(), o.aggregation(),
                o.gamma(), o.credit(), null, 0);
    }

    private static double[] fqeTargets(Transitions d, CriticEnsemble c, int[] idx, ActionSource policy, SplittableRandom rng,
                                       ValueFitOptions o) {
        int n = idx.length, od = d.obsDim();
        double[] next = Minibatches.rows(d.nextObs(), od, idx);
        double[] a = policy.actions(next, n, rng);
        double[] lp = o.softAlpha() > 0 ? policy.lastLogProb() : null;
        double[] nq = c.predictTarget(Transitions.concatRows(next, a, n), n);
        return BootstrapTarget.compute(pick(d.reward(), idx), pickBool(d.terminal(), idx), nq, c.members(), o.aggregation(),
                o.gamma(), o.credit(), lp, o.softAlpha());
    }

    private static double[] pick(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = v[idx[i]];
        return out;
    }

    private static boolean[] pickBool(boolean[] v, int[] idx) {
        boolean[] out = new boolean[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = v[idx[i]];
        return out;
    }
}
