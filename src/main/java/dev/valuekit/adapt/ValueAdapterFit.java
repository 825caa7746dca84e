package dev.valuekit.adapt;

import dev.valuekit.tensor.DataTypes;

import dev.valuekit.artifact.Artifact;
import dev.valuekit.common.BadInputException;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.fit.EarlyStopping;
import dev.valuekit.fit.EpochRecord;
import dev.valuekit.fit.TrainingLoop;
import dev.valuekit.fit.HoldoutSplit;
import dev.valuekit.tensor.EnsembleMlp;
import dev.valuekit.tensor.Minibatches;
import dev.valuekit.tensor.MseLoss;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Params;
import dev.valuekit.value.Credit;
import dev.valuekit.value.Episodes;
import dev.valuekit.value.FittedValue;
import dev.valuekit.value.MonteCarlo;
import dev.valuekit.table.Transitions;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adapts a {@code value} (V) or {@code q} (Q) critic ensemble to target transitions by regression on the
 * data's Monte-Carlo returns, computed with the model's own γ and credit (fit-value {@code --method mc}'s
 * objective, Σ_m mean (Q_m − G)²; every member sees the same minibatch, as in fit-value). Whatever method
 * fitted the base, the MC return is the fixed point its target estimates on the data's own policy, and it
 * needs no target network or policy, so it is the simplest faithful objective. Rows whose unknown tail
 * still matters (γ^(rows left) > {@code dropTolerance}) are left out, as {@code --mc-tail drop} does.
 */
public final class ValueAdapterFit {
    private static final int EVAL_CHUNK = 4096;

    private ValueAdapterFit() {}

    /** The critic layers (not the target copies). */
    static java.util.function.Predicate<String> adaptable(String kind) {
        return t -> t.startsWith(kind + ".layer.") && t.endsWith(".weight");
    }

    /**
     * By default the hidden layers only: a critic's output layer is a single row (rank 1), so it could
     * take no adapter of rank above 1 and adapting it is plain fine-tuning of one vector.
     */
    public static List<MatrixRef> select(Artifact base, String source, AdaptFitOptions o) {
        List<String> layers = o.layers();
        if (layers == null || layers.isEmpty()) {
            java.util.function.Predicate<String> critic = adaptable(base.kind());
            List<String> weights = base.tensors().keySet().stream().filter(critic).sorted(
                    java.util.Comparator.comparingInt(ValueAdapterFit::layerIndex)).toList();
            layers = weights.size() > 1 ? weights.subList(0, weights.size() - 1) : weights;
        }
        return ModelMatrices.select(base, source, layers, o.freeze(), adaptable(base.kind()), base.kind() + ".layer.* weights");
    }

    private static int layerIndex(String tensor) {
        String[] parts = tensor.split("\\.");
        return Integer.parseInt(parts[parts.length - 2]);
    }

    public static FitResult fit(FittedValue base, Artifact raw, String baseSource, Transitions d, Credit credit, double dropTolerance,
                                AdaptFitOptions o, ProgressListener progress) {
        if (!Arrays.equals(base.obsColumns(), d.obsNames()) || (base.isQ() && !Arrays.equals(base.actColumns(), d.actNames()))) {
            throw BadInputException.inFile("data has columns " + String.join(",", d.obsNames()) + " / " + String.join(",", d.actNames())
                    + " but the model reads " + String.join(",", base.obsColumns()) + (base.isQ() ? " / " + String.join(",", base.actColumns()) : ""),
                    d.source(), "give target transitions with the base model's columns");
        }
        double[] g = MonteCarlo.returns(d, Episodes.of(d), base.gamma(), credit, dropTolerance);
        int[] usable = java.util.stream.IntStream.range(0, d.rows()).filter(r -> !Double.isNaN(g[r])).toArray();
        if (usable.length == 0) {
            throw BadInputException.inFile("no row has a Monte-Carlo return: every episode ends without a terminal state and its tail is dropped",
                    d.source(), "give whole episodes (or longer ones) of target data");
        }
        EnsembleMlp net = base.critics().network();
        List<MatrixRef> refs = select(raw, baseSource, o);
        Params all = net.params();
        AdapterBinding binding = new AdapterBinding(all, raw, refs, o, progress);

        int in = net.inputs(), od = d.obsDim(), k = d.actDim(), M = net.members();
        double[] x = new double[d.rows() * in];
        for (int r = 0; r < d.rows(); r++) {
            System.arraycopy(d.obs(), r * od, x, r * in, od);
            if (base.isQ()) System.arraycopy(d.act(), r * k, x, r * in + od, k);
        }
        base.critics().normalizer().normalize(x);
        long[] ep = null;
        if (d.episode() != null) {
            ep = new long[usable.length];
            for (int i = 0; i < usable.length; i++) ep[i] = d.episode()[usable[i]];
        }
        HoldoutSplit split = HoldoutSplit.of(ep, usable.length, o.holdout(), HoldoutSplit.DEFAULT_CAP, o.seed());
        int[] train = map(usable, split.train()), hold = map(usable, split.holdout());
        binding.materialize();
        double baseMse = hold.length > 0 ? mean(mse(net, x, g, hold, in)) : Double.NaN;
        AdapterTraining epochs = new AdapterTraining(binding, o, train.length) {
            final MseLoss loss = new MseLoss();
            final INDArray xb = Nd4j.create(DataTypes.of(net.precision()), new long[] {plan.batch(), in}, 'c');
            final INDArray yb = Nd4j.create(DataTypes.of(net.precision()), new long[] {plan.batch(), 1}, 'c');

            @Override
            public TrainingLoop.Scores trainEpoch(int epoch) {
                int[] order = Minibatches.epochOrders(new int[][] {train}, o.seed(), epoch)[0];
                double[] trainMse = new double[M];
                int batch = plan.batch(), steps = plan.count();
                for (int k = 0; k < steps; k++) {
                    int start = plan.start(k);
                    double[] xs = new double[batch * in], ys = new double[batch];
                    for (int i = 0; i < batch; i++) {
                        System.arraycopy(x, order[start + i] * in, xs, i * in, in);
                        ys[i] = g[order[start + i]];
                    }
                    xb.assign(Nd4j.createFromArray(xs).reshape(batch, in));
                    yb.assign(Nd4j.createFromArray(ys).reshape(batch, 1));
                    binding.materialize();
                    all.zeroGrad();
                    MseLoss.Result r = loss.lossAndGradient(net.forward(xb), yb);
                    if (!Double.isFinite(r.loss())) throw diverged(epoch, "training loss is " + r.loss());
                    net.backward(r.gradient(), false);
                    update();
                    for (int m = 0; m < M; m++) trainMse[m] += r.mse()[m] / steps;
                }
                binding.materialize();
                return new TrainingLoop.Scores(trainMse.clone(), trainMse, new double[] {mean(trainMse)});
            }

            @Override
            public TrainingLoop.Scores holdout(int epoch) {
                double[] hMse = mse(net, x, g, hold, in);
                return new TrainingLoop.Scores(hMse.clone(), hMse, new double[] {mean(hMse)});
            }

            @Override
            public Map<String, Object> metrics(EpochRecord r, EarlyStopping stop) {
                Map<String, Object> met = new LinkedHashMap<>();
                met.put("epoch", r.epoch());
                met.put("train_mse", mean(r.trainMse()));
                met.put("holdout_mse", mean(r.holdoutMse()));
                met.put("best_holdout_mse", stop.best()[0]);
                return met;
            }
        };
        return epochs.run("rows", hold.length, baseMse, all, "mse", progress);
    }

    private static double[] mse(EnsembleMlp net, double[] x, double[] g, int[] rows, int in) {
        int M = net.members();
        double[] se = new double[M];
        for (int s = 0; s < rows.length; s += EVAL_CHUNK) {
            int b = Math.min(EVAL_CHUNK, rows.length - s);
            double[] xs = new double[b * in];
            for (int i = 0; i < b; i++) System.arraycopy(x, rows[s + i] * in, xs, i * in, in);
            double[] out = net.forward(Nd4j.createFromArray(xs).reshape(b, in).castTo(DataTypes.of(net.precision())))
                    .castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
            for (int m = 0; m < M; m++) {
                for (int i = 0; i < b; i++) {
                    double e = out[m * b + i] - g[rows[s + i]];
                    se[m] += e * e / rows.length;
                }
            }
        }
        return se;
    }

    private static int[] map(int[] usable, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = usable[idx[i]];
        return out;
    }


    private static double mean(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s / a.length;
    }
}
