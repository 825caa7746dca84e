package dev.valuekit.value;

import dev.valuekit.common.ComputationException;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.common.SeedStreams;
import dev.valuekit.table.Transitions;
import dev.valuekit.tensor.Normalizer;
import dev.valuekit.tensor.Precision;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Double DQN (van Hasselt et al. 2016) on a fixed data set of discrete actions, optionally with the
 * CQL(H) regulariser of Kumar et al. 2020. Each step, on one minibatch, for every critic m:
 * <pre>
 *   a*ᵢ   = argmax_a agg_m Q_m(s'ᵢ, a)                  (online network chooses)
 *   yᵢ    = backup(rᵢ, γ, terminalᵢ, agg_m Q'_m(s'ᵢ, a*ᵢ)) (target network evaluates)
 *   loss  = mean_i huber(Q_m(sᵢ, aᵢ) − yᵢ)              (δ = 1)
 *         + α · mean_i (logsumexp_a Q_m(sᵢ, a) − Q_m(sᵢ, aᵢ))   (cql only)
 * </pre>
 * and the target network is copied every {@code targetUpdate} steps.
 */
public final class DqnTrainer {
    /**
     * @param cqlAlpha weight of the CQL(H) term; 0 is plain Double DQN
     */
    public record Options(int critics, Mlp arch, Aggregation aggregation, Credit credit, double gamma, double lr, int batch,
                          long steps, int targetUpdate, double cqlAlpha, long seed) {}

    /** Losses and speed of a finished run (losses are means over critics of the last step's terms). */
    public record Result(long steps, double tdLoss, double cqlLoss, double meanQ, double seconds, double cpuSeconds) {}

    private final Options o;
    private final CriticEnsemble q;

    public DqnTrainer(Options o, Normalizer obsNorm, int actions, Precision precision) {
        this.o = o;
        this.q = CriticEnsemble.discrete("q", o.critics(), obsNorm, o.arch(), o.lr(), o.seed(), actions, precision);
    }

    public CriticEnsemble critics() { return q; }

    /** Runs {@code o.steps()} updates on uniform minibatches of {@code data} (its actions as {@code actions}). */
    public Result train(Transitions data, int[] actions, ProgressListener progress) {
        SplittableRandom rng = new SplittableRandom(SeedStreams.dqn(o.seed()));
        int n = o.batch(), d = data.obsDim(), na = q.actions(), m = q.members();
        double[] obs = new double[n * d], next = new double[n * d], reward = new double[n];
        boolean[] terminal = new boolean[n];
        int[] a = new int[n];
        double[] grad = new double[m * n * na];
        double td = Double.NaN, cql = 0, meanQ = Double.NaN;
        long t0 = System.nanoTime(), c0 = CpuTime.processNanos();
        String name = o.cqlAlpha() > 0 ? "cql" : "dqn";
        progress.start(name + ": " + o.steps() + " steps, " + m + " critic(s), " + na + " actions", o.steps());
        for (long step = 0; step < o.steps(); step++) {
            for (int i = 0; i < n; i++) {
                int r = rng.nextInt(data.rows());
                System.arraycopy(data.obs(), r * d, obs, i * d, d);
                System.arraycopy(data.nextObs(), r * d, next, i * d, d);
                reward[i] = data.reward()[r];
                terminal[i] = data.terminal()[r];
                a[i] = actions[r];
            }
            double[] y = targets(q.predict(next, n), q.predictTarget(next, n), m, n, na, reward, terminal, o);
            double[] out = q.forwardForStep(obs, n);
            java.util.Arrays.fill(grad, 0);
            td = huber(out, m, n, na, a, y, grad) / m;
            if (o.cqlAlpha() > 0) cql = conservative(out, m, n, na, a, o.cqlAlpha(), grad) / m;
            q.backwardStep(grad, n);
            if (!Double.isFinite(td) || !Double.isFinite(cql)) {
                throw new ComputationException(name + " diverged at step " + (step + 1) + ": loss " + td + ", cql term " + cql
                        + " (lower --lr)");
            }
            if ((step + 1) % o.targetUpdate() == 0) q.hardUpdate();
            if ((step + 1) % 100 == 0 || step + 1 == o.steps()) progress.advance(step + 1);
            if ((step + 1) % 1000 == 0 || step + 1 == o.steps()) {
                meanQ = taken(out, m, n, na, a);
                Map<String, Object> mm = new LinkedHashMap<>();
                mm.put("step", step + 1);
                mm.put("td_loss", td);
                if (o.cqlAlpha() > 0) mm.put("cql_loss", cql);
                mm.put("q", meanQ);
                progress.metrics(name, mm);
            }
        }
        progress.finish();
        return new Result(o.steps(), td, cql, meanQ, (System.nanoTime() - t0) / 1e9, (CpuTime.processNanos() - c0) / 1e9);
    }

    /**
     * Double-DQN targets: the online outputs {@code online} at s' choose the action (aggregated over critics,
     * ties to the lowest index), the target outputs {@code target} at s' value it. Both are
     * {@code [members, n, actions]}.
     */
    static double[] targets(double[] online, double[] target, int members, int n, int actions, double[] reward,
                            boolean[] terminal, Options o) {
        int[] best = greedy(online, members, n, actions, o.aggregation());
        double[] nq = new double[members * n];
        for (int m = 0; m < members; m++) {
            for (int i = 0; i < n; i++) nq[m * n + i] = target[(m * n + i) * actions + best[i]];
        }
        return BootstrapTarget.compute(reward, terminal, nq, members, o.aggregation(), o.gamma(), o.credit(), null, 0);
    }

    /** Per row, the action with the highest aggregated Q (the first on ties). */
    static int[] greedy(double[] q, int members, int n, int actions, Aggregation agg) {
        int[] best = new int[n];
        for (int i = 0; i < n; i++) {
            double top = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < actions; j++) {
                double v = agg.apply(q, members, n * actions, i * actions + j);
                if (v > top) {
                    top = v;
                    best[i] = j;
                }
            }
        }
        return best;
    }

    /**
     * Σ_m mean_i huber(Q_m(sᵢ, aᵢ) − yᵢ) with δ = 1; its gradient with respect to the outputs is added
     * into {@code grad} ({@code [members, n, actions]}).
     */
    static double huber(double[] out, int members, int n, int actions, int[] a, double[] y, double[] grad) {
        double loss = 0;
        for (int m = 0; m < members; m++) {
            for (int i = 0; i < n; i++) {
                int k = (m * n + i) * actions + a[i];
                double e = out[k] - y[i], ae = Math.abs(e);
                loss += (ae <= 1 ? 0.5 * e * e : ae - 0.5) / n;
                grad[k] += Math.max(-1, Math.min(1, e)) / n;
            }
        }
        return loss;
    }

    /**
     * The CQL(H) term Σ_m α·mean_i (logsumexp_a Q_m(sᵢ, a) − Q_m(sᵢ, aᵢ)); its gradient
     * α/n·(softmax(Q_m(sᵢ, ·)) − onehot(aᵢ)) is added into {@code grad}.
     */
    static double conservative(double[] out, int members, int n, int actions, int[] a, double alpha, double[] grad) {
        double loss = 0;
        for (int m = 0; m < members; m++) {
            for (int i = 0; i < n; i++) {
                int base = (m * n + i) * actions;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < actions; j++) max = Math.max(max, out[base + j]);
                double sum = 0;
                for (int j = 0; j < actions; j++) sum += Math.exp(out[base + j] - max);
                double lse = max + Math.log(sum);
                loss += alpha * (lse - out[base + a[i]]) / n;
                for (int j = 0; j < actions; j++) grad[base + j] += alpha / n * Math.exp(out[base + j] - lse);
                grad[base + a[i]] -= alpha / n;
            }
        }
        return loss;
    }

    /** Mean over critics and rows of Q_m(sᵢ, aᵢ). */
    private static double taken(double[] out, int members, int n, int actions, int[] a) {
        double s = 0;
        for (int m = 0; m < members; m++) for (int i = 0; i < n; i++) s += out[(m * n + i) * actions + a[i]];
        return s / (members * n);
    }
}
