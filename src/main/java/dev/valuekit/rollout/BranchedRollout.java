package dev.valuekit.rollout;

import dev.valuekit.policy.Policy;
import dev.valuekit.common.BadInputException;

import dev.valuekit.common.ProgressListener;
import dev.valuekit.dynamics.DynamicsModel;
import dev.valuekit.dynamics.EnsembleStep;
import dev.valuekit.dynamics.LearnedDynamics;
import dev.valuekit.dynamics.Prediction;
import dev.valuekit.table.Batch;
import dev.valuekit.table.ColumnType;
import dev.valuekit.table.Field;
import dev.valuekit.table.Schema;
import dev.valuekit.table.TransitionColumns;
import dev.valuekit.table.TransitionNames;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * MBPO-style branched rollouts: k steps of a dynamics model (learned or built-in) from start states
 * drawn from data, a policy choosing each action. A row leaves the rollout once terminated (or
 * halted by MOReL-style uncertainty); the last step of a surviving row is marked truncated. Output
 * rows carry episode (the start's index), step, the transition, source, member, uncertainty and,
 * with a penalty, {@code penalized_reward = reward − λ·uncertainty}.
 *
 * <p>Start rows are drawn first, then every chunk of starts advances step by step with one generator
 * ({@code seed}) for actions and model sampling, so the same seed gives the same transitions.
 */
public final class BranchedRollout {
    private BranchedRollout() {}

    public static Schema schema(int obsDim, int actDim, boolean penalized, boolean halting) {
        // The environment rollout's transitions schema, then the model-specific columns.
        List<Field> f = new ArrayList<>(TransitionBatchBuilder.schema(obsDim, actDim).fields());
        f.add(new Field("member", ColumnType.INT64));
        f.add(new Field("uncertainty", ColumnType.FLOAT64));
        if (penalized) f.add(new Field("penalized_reward", ColumnType.FLOAT64));
        if (halting) f.add(new Field("halted", ColumnType.BOOL));
        f.add(new Field("start_row", ColumnType.INT64));
        return new Schema(f);
    }

    /** The observation rows of a start table, checked against the model's observation width: the start pool of {@link #run}. */
    public static double[][] startStates(Batch b, String source, TransitionNames names, DynamicsModel dyn) {
        int[] cols = TransitionColumns.observations(b.schema(), source, names);
        if (cols.length != dyn.obsDim()) {
            throw BadInputException.inFile("the start data has " + cols.length + " observation columns (" + names.obsPrefix() + "*) but "
                    + dyn.name() + " has " + dyn.obsDim(), source, "start from data of the environment the model describes");
        }
        if (b.rows() == 0) throw BadInputException.inFile("no start states: the table has no rows", source, "give a table with rows");
        return b.matrix(cols);
    }

    /**
     * @param startPool candidate start observations (e.g. a data set's obs_* rows); rows are drawn from it
     */
    public static BranchedRolloutSummary run(DynamicsModel model, Policy policy, double[][] startPool, BranchedRolloutOptions o,
                                          BatchSink sink, ProgressListener progress) throws IOException {
        long t0 = System.nanoTime();
        int d = model.obsDim();
        SplittableRandom root = new SplittableRandom(o.seed());
        SplittableRandom pick = root.split();
        SplittableRandom rng = root.split();
        int[] startRow = new int[o.starts()];
        for (int i = 0; i < startRow.length; i++) startRow[i] = pick.nextInt(startPool.length);
        LearnedDynamics learned = model instanceof LearnedDynamics l ? l : null;
        Penalty measure = o.penalty() != null ? o.penalty()
                : learned != null && !learned.probabilistic() ? Penalty.ENSEMBLE_STD : Penalty.MOPO_ALEATORIC;
        String source = learned != null ? "model" : "env";
        Schema schema = schema(d, model.actDim(), o.penalty() != null, o.halting());
        long transitions = 0, terminatedCount = 0, haltedCount = 0;
        double sumReward = 0, sumU = 0;
        progress.start("rollout " + model.name() + " (" + policy.spec() + ", horizon " + o.horizon() + ")", o.starts());
        for (int c0 = 0; c0 < o.starts(); c0 += o.chunkRows()) {
            int n = Math.min(o.chunkRows(), o.starts() - c0);
            int[] id = new int[n];
            double[][] obs = new double[n][];
            for (int i = 0; i < n; i++) {
                id[i] = c0 + i;
                obs[i] = startPool[startRow[c0 + i]].clone();
            }
            for (int t = 0; t < o.horizon() && n > 0; t++) {
                double[][] act = new double[n][];
                for (int i = 0; i < n; i++) act[i] = policy.act(obs[i], rng);
                Prediction p;
                int[] member;
                double[] u;
                if (learned != null) {
                    EnsembleStep s = learned.step(obs, act, rng);
                    p = s.prediction();
                    member = s.member();
                    u = measure.of(s);
                } else {
                    p = model.predict(obs, act, rng);
                    member = new int[n];
                    Arrays.fill(member, -1);
                    u = new double[n];
                }
                boolean[] halted = new boolean[n];
                boolean[] terminated = p.terminated().clone();
                boolean[] truncated = new boolean[n];
                for (int i = 0; i < n; i++) {
                    if (o.halting() && u[i] > o.haltThreshold()) {
                        halted[i] = true;
                        terminated[i] = true;
                    }
                    truncated[i] = !terminated[i] && t == o.horizon() - 1;
                    sumReward += p.reward()[i];
                    sumU += u[i];
                    if (terminated[i]) terminatedCount++;
                    if (halted[i]) haltedCount++;
                }
                sink.write(batch(schema, n, id, t, obs, act, p, terminated, truncated, source, member, u, o, halted, startRow));
                transitions += n;
                int keep = 0;
                for (int i = 0; i < n; i++) {
                    if (terminated[i]) continue;
                    id[keep] = id[i];
                    obs[keep] = p.nextObs()[i];
                    keep++;
                }
                n = keep;
                id = Arrays.copyOf(id, n);
                obs = Arrays.copyOf(obs, n);
            }
            progress.advance(c0 + Math.min(o.chunkRows(), o.starts() - c0));
        }
        progress.finish();
        double secs = (System.nanoTime() - t0) / 1e9;
        return new BranchedRolloutSummary(o.starts(), transitions, terminatedCount, haltedCount,
                transitions == 0 ? Double.NaN : sumReward / transitions, transitions == 0 ? Double.NaN : sumU / transitions, secs);
    }

    private static Batch batch(Schema schema, int n, int[] id, int t, double[][] obs, double[][] act, Prediction p,
                               boolean[] terminated, boolean[] truncated, String source, int[] member, double[] u,
                               BranchedRolloutOptions o, boolean[] halted, int[] startRow) {
        int d = obs.length == 0 ? 0 : obs[0].length;
        int k = act.length == 0 ? 0 : act[0].length;
        Object[] cols = new Object[schema.size()];
        int c = 0;
        long[] ep = new long[n], step = new long[n], mem = new long[n], sr = new long[n];
        for (int i = 0; i < n; i++) {
            ep[i] = id[i];
            step[i] = t;
            mem[i] = member[i];
            sr[i] = startRow[id[i]];
        }
        cols[c++] = ep;
        cols[c++] = step;
        for (int j = 0; j < d; j++) cols[c++] = column(obs, j, n);
        for (int j = 0; j < k; j++) cols[c++] = column(act, j, n);
        cols[c++] = p.reward().clone();
        for (int j = 0; j < d; j++) cols[c++] = column(p.nextObs(), j, n);
        cols[c++] = terminated;
        cols[c++] = truncated;
        String[] src = new String[n];
        Arrays.fill(src, source);
        cols[c++] = src;
        cols[c++] = mem;
        cols[c++] = u;
        if (o.penalty() != null) {
            double[] pr = new double[n];
            for (int i = 0; i < n; i++) pr[i] = p.reward()[i] - o.penaltyCoef() * u[i];
            cols[c++] = pr;
        }
        if (o.halting()) cols[c++] = halted;
        cols[c] = sr;
        return new Batch(schema, n, cols);
    }

    private static double[] column(double[][] rows, int j, int n) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) c[i] = rows[i][j];
        return c;
    }
}
