package dev.valuekit.evaluate;

import dev.valuekit.common.BadInputException;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.dynamics.DynamicsNetwork;
import dev.valuekit.dynamics.LearnedDynamics;
import dev.valuekit.dynamics.Prediction;
import dev.valuekit.table.Batch;
import dev.valuekit.table.TransitionColumns;
import dev.valuekit.value.StateValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Accuracy and calibration of a learned ensemble on a transitions table held in memory (k-step errors
 * follow episodes, so rows must be reordered by episode and step).
 */
public final class LearnedModelEvaluator {
    public static final int[] DEFAULT_K = {1, 5, 10, 25};
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private LearnedModelEvaluator() {}

    /** The report of {@code evaluate model} for a learned model; {@code valueAware} is null without a value function. */
    public record Report(LearnedModelEvaluation evaluation, ValueAwareError valueAware) {}

    /**
     * {@code evaluate model} on a learned model as a library call: columns by the options' prefixes,
     * open-loop horizons {@code ks} (null = {@link #DEFAULT_K}), and VaGraM's value-aware error when
     * {@code value} is given (its observation columns must be the data's; checked before any work).
     */
    public static Report evaluate(LearnedDynamics model, Batch table, String source, EvaluateOptions o, int[] ks,
                                  StateValue value, ProgressListener progress) {
        int[] k = ks == null ? DEFAULT_K : ks;
        for (int v : k) if (v < 1) throw new BadInputException("--k values must be at least 1, got " + v, "e.g. --k 1,5,10,25");
        TransitionColumns cols = TransitionColumns.resolve(table.schema(), source, o.columns());
        if (value != null) {
            String[] names = new String[cols.obsDim()];
            for (int j = 0; j < names.length; j++) names[j] = table.schema().name(cols.obs()[j]);
            value.requireColumns(names, source);
        }
        LearnedModelEvaluation e = evaluate(model, table, cols, source, k, progress);
        return new Report(e, value == null ? null : ValueAwareEvaluator.evaluate(model, value, table, cols));
    }

    public static LearnedModelEvaluation evaluate(LearnedDynamics model, Batch b, TransitionColumns c, String source,
                                                  int[] ks, ProgressListener progress) {
        int n = b.rows();
        if (n == 0) throw BadInputException.inFile("no transitions to evaluate", source, "give a table with at least one row");
        checkColumns(model, c, b, source);
        int d = c.obsDim(), k = c.actDim(), in = d + k, t = d + 1;
        progress.start("evaluate " + model.name(), 0);
        double[][] obs = b.matrix(c.obs());
        double[][] act = b.matrix(c.act());
        double[][] next = b.matrix(c.nextObs());
        double[] x = new double[n * in];
        double[] y = new double[n * t];
        for (int r = 0; r < n; r++) {
            System.arraycopy(obs[r], 0, x, r * in, d);
            System.arraycopy(act[r], 0, x, r * in + d, k);
            for (int j = 0; j < d; j++) y[r * t + j] = next[r][j] - obs[r][j];
            y[r * t + d] = b.getDouble(c.reward(), r);
        }
        DynamicsNetwork.Output out = model.network().predict(x, n);
        int[] elites = model.spec().elites();
        int e = elites.length;
        double[] se = new double[t], nll = new double[t], w1 = new double[t], w2 = new double[t], sum = new double[t],
                sum2 = new double[t];
        boolean probabilistic = out.logVar() != null;
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < t; j++) {
                int idx = r * t + j;
                double mu = 0, m2 = 0, var = 0;
                for (int i = 0; i < e; i++) {
                    double m = out.mean()[elites[i]][idx];
                    mu += m;
                    m2 += m * m;
                    if (probabilistic) var += Math.exp(out.logVar()[elites[i]][idx]);
                }
                mu /= e;
                var = var / e + Math.max(0, m2 / e - mu * mu);
                double err = y[idx] - mu;
                se[j] += err * err;
                sum[j] += y[idx];
                sum2[j] += y[idx] * y[idx];
                if (probabilistic) {
                    nll[j] += 0.5 * err * err / var + 0.5 * Math.log(var) + HALF_LOG_2PI;
                    double z = Math.abs(err) / Math.sqrt(var);
                    if (z <= 1) w1[j]++;
                    if (z <= 2) w2[j]++;
                }
            }
        }
        List<OutputMetrics> outputs = new ArrayList<>();
        double[] tot = new double[5];
        for (int j = 0; j < t; j++) {
            String name = b.schema().name(j < d ? c.nextObs()[j] : c.reward());
            double mse = se[j] / n;
            double variance = sum2[j] / n - (sum[j] / n) * (sum[j] / n);
            OutputMetrics m = new OutputMetrics(name, mse, variance > 0 ? mse / variance : Double.NaN,
                    probabilistic ? nll[j] / n : Double.NaN, probabilistic ? w1[j] / n : Double.NaN,
                    probabilistic ? w2[j] / n : Double.NaN);
            outputs.add(m);
            tot[0] += m.mse() / t;
            tot[1] += m.normalizedMse() / t;
            tot[2] += m.nll() / t;
            tot[3] += m.within1Sigma() / t;
            tot[4] += m.within2Sigma() / t;
        }
        OutputMetrics overall = new OutputMetrics("mean", tot[0], tot[1], tot[2], tot[3], tot[4]);
        Prediction p = model.with(true, true).predict(obs, act, new SplittableRandom(0));
        long wrong = 0;
        for (int r = 0; r < n; r++) {
            boolean dataTerm = b.getDouble(c.terminated(), r) != 0 && b.getDouble(c.truncated(), r) == 0;
            if (dataTerm != p.terminated()[r]) wrong++;
        }
        List<KStepError> kSteps = new ArrayList<>();
        String note = null;
        if (c.episode() < 0 || c.step() < 0) {
            note = "no episode/step columns: k-step errors need them";
        } else {
            Integer[] order = new Integer[n];
            for (int r = 0; r < n; r++) order[r] = r;
            Arrays.sort(order, (a1, a2) -> {
                int cmp = Long.compare(b.getLong(c.episode(), a1), b.getLong(c.episode(), a2));
                return cmp != 0 ? cmp : Long.compare(b.getLong(c.step(), a1), b.getLong(c.step(), a2));
            });
            LearnedDynamics mean = model.with(true, true);
            for (int kk : ks) kSteps.add(kStep(mean, b, c, order, obs, act, next, kk));
        }
        progress.finish();
        return new LearnedModelEvaluation(model.name(), source, n, List.copyOf(outputs), overall, (double) wrong / n,
                List.copyOf(kSteps), note);
    }

    private static KStepError kStep(LearnedDynamics mean, Batch b, TransitionColumns c, Integer[] order, double[][] obs,
                                    double[][] act, double[][] next, int k) {
        int n = order.length;
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + k - 1 < n; i++) {
            int first = order[i], last = order[i + k - 1];
            if (b.getLong(c.episode(), first) == b.getLong(c.episode(), last)
                    && b.getLong(c.step(), last) - b.getLong(c.step(), first) == k - 1) starts.add(i);
        }
        int s = starts.size();
        if (s == 0) return new KStepError(k, 0, Double.NaN);
        double[][] cur = new double[s][];
        for (int i = 0; i < s; i++) cur[i] = obs[order[starts.get(i)]].clone();
        SplittableRandom unused = new SplittableRandom(0);
        for (int j = 0; j < k; j++) {
            double[][] a = new double[s][];
            for (int i = 0; i < s; i++) a[i] = act[order[starts.get(i) + j]];
            cur = mean.predict(cur, a, unused).nextObs();
        }
        double se = 0;
        int d = obs[0].length;
        for (int i = 0; i < s; i++) {
            double[] target = next[order[starts.get(i) + k - 1]];
            for (int q = 0; q < d; q++) se += (cur[i][q] - target[q]) * (cur[i][q] - target[q]);
        }
        return new KStepError(k, s, se / ((double) s * d));
    }

    private static void checkColumns(LearnedDynamics model, TransitionColumns c, Batch b, String source) {
        String[] want = model.spec().obsColumns();
        String[] wantAct = model.spec().actColumns();
        if (c.obsDim() != want.length || c.actDim() != wantAct.length) {
            throw BadInputException.inFile("the data has " + c.obsDim() + " observation and " + c.actDim()
                    + " action columns but the model was trained on " + want.length + " and " + wantAct.length
                    + " (" + String.join(",", want) + "; " + String.join(",", wantAct) + ")", source,
                    "evaluate the model on data of the environment it was trained on");
        }
    }
}
