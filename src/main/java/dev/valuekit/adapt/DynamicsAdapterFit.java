package dev.valuekit.adapt;

import dev.valuekit.tensor.DataTypes;

import dev.valuekit.artifact.Artifact;
import dev.valuekit.common.BadInputException;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.dynamics.DynamicsArtifacts;
import dev.valuekit.dynamics.DynamicsNetwork;
import dev.valuekit.dynamics.DynamicsTargets;
import dev.valuekit.fit.EarlyStopping;
import dev.valuekit.fit.EpochRecord;
import dev.valuekit.fit.TrainingLoop;
import dev.valuekit.fit.HoldoutSplit;
import dev.valuekit.table.Transitions;
import dev.valuekit.tensor.Minibatches;
import dev.valuekit.tensor.MseLoss;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Params;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adapts a dynamics model to target transitions with the model's own objective: the Gaussian NLL of
 * train-model (mbrl-lib's form, log-variance bounds frozen) or MSE for deterministic models. Only the
 * adapter factors train; the input normaliser, biases, bounds, termination head and every layer
 * without an adapter stay as in the base. Every member gets its own adapter and its own shuffle of
 * the training rows each epoch; whole target episodes are held out for early stopping, as in
 * train-model.
 */
public final class DynamicsAdapterFit {
    private static final int EVAL_CHUNK = 4096;
    /** The layers the dynamics objective trains: the body's weights (the termination head is not in the NLL). */
    static boolean adaptable(String tensor) {
        return tensor.startsWith(DynamicsNetwork.PREFIX + ".layer.") && tensor.endsWith(".weight");
    }

    private DynamicsAdapterFit() {}

    /** Which matrices {@code o} adapts in the base model. */
    public static List<MatrixRef> select(Artifact base, String source, AdaptFitOptions o) {
        return ModelMatrices.select(base, source, o.layers(), o.freeze(), DynamicsAdapterFit::adaptable, "dynamics.layer.* weights");
    }

    public static FitResult fit(DynamicsArtifacts.Loaded base, String baseSource, Transitions data, AdaptFitOptions o,
                             ProgressListener progress) {
        requireColumns(base, data);
        DynamicsNetwork net = base.network();
        List<MatrixRef> refs = select(base.artifact(), baseSource, o);
        Params all = net.params();
        AdapterBinding binding = new AdapterBinding(all, base.artifact(), refs, o, progress);

        int in = data.obsDim() + data.actDim(), d = DynamicsTargets.dim(data), M = net.members();
        double[] x = data.obsAct(), y = DynamicsTargets.of(data);
        HoldoutSplit split = HoldoutSplit.of(data.episode(), data.rows(), o.holdout(), HoldoutSplit.DEFAULT_CAP, o.seed());
        double[] xTrain = Minibatches.rows(x, in, split.train());
        double[] yTrain = Minibatches.rows(y, d, split.train());
        net.normalizer().normalize(xTrain);
        double[] xHold = Minibatches.rows(x, in, split.holdout());
        double[] yHold = Minibatches.rows(y, d, split.holdout());
        net.normalizer().normalize(xHold);
        int n = split.train().length;
        int[][] identity = new int[M][];
        java.util.Arrays.setAll(identity, m -> java.util.stream.IntStream.range(0, n).toArray());

        binding.materialize();
        double baseMse = split.holdout().length > 0 ? mean(holdoutMse(net, xHold, yHold, in, d)) : Double.NaN;
        AdapterTraining epochs = new AdapterTraining(binding, o, split.train().length) {
            final MseLoss mse = new MseLoss();
            INDArray x, y;

            @Override
            public TrainingLoop.Scores trainEpoch(int epoch) {
                int[][] order = Minibatches.epochOrders(identity, o.seed(), epoch);
                double[] trainLoss = new double[M], trainMse = new double[M];
                int batch = plan.batch(), steps = plan.count();
                for (int k = 0; k < steps; k++) {
                    if (x == null) {
                        x = Nd4j.create(DataTypes.of(net.precision()), new long[] {M, batch, in}, 'c');
                        y = Nd4j.create(DataTypes.of(net.precision()), new long[] {M, batch, d}, 'c');
                    }
                    Minibatches.gather(xTrain, in, order, plan.start(k), batch, x);
                    Minibatches.gather(yTrain, d, order, plan.start(k), batch, y);
                    binding.materialize();
                    all.zeroGrad();
                    DynamicsNetwork.BodyLoss r = net.backwardBody(net.body().forward(x), y, mse);
                    double loss = r.loss();
                    double[] ml = r.memberLoss(), mm = r.memberMse();
                    if (!Double.isFinite(loss)) throw diverged(epoch, "training loss is " + loss);
                    update();
                    for (int m = 0; m < M; m++) {
                        trainLoss[m] += ml[m] / steps;
                        trainMse[m] += mm[m] / steps;
                    }
                }
                binding.materialize();
                return new TrainingLoop.Scores(trainLoss, trainMse, new double[] {mean(trainMse)});
            }

            @Override
            public TrainingLoop.Scores holdout(int epoch) {
                double[] hMse = holdoutMse(net, xHold, yHold, in, d);
                double[] hLoss = new double[M];
                Arrays.fill(hLoss, Double.NaN);
                return new TrainingLoop.Scores(hLoss, hMse, new double[] {mean(hMse)});
            }

            @Override
            public Map<String, Object> metrics(EpochRecord r, EarlyStopping stop) {
                Map<String, Object> met = new LinkedHashMap<>();
                met.put("epoch", r.epoch());
                met.put("train_loss", mean(r.trainLoss()));
                met.put("holdout_mse", mean(r.holdoutMse()));
                met.put("best_holdout_mse", stop.best()[0]);
                met.put("weight_decay", weightDecayNow());
                return met;
            }
        };
        return epochs.run("rows", split.holdout().length, baseMse, all, "mse", progress);
    }

    /** The data must carry the model's observation and action columns, in the model's order. */
    public static void requireColumns(DynamicsArtifacts.Loaded base, Transitions data) {
        String[] obs = base.spec().obsColumns(), act = base.spec().actColumns();
        if (!Arrays.equals(obs, data.obsNames()) || !Arrays.equals(act, data.actNames())) {
            throw BadInputException.inFile("data has columns " + String.join(",", data.obsNames()) + " / " + String.join(",", data.actNames())
                            + " but the model reads " + String.join(",", obs) + " / " + String.join(",", act), data.source(),
                    "give target transitions with the base model's obs_* and act_* columns");
        }
    }

    private static double[] holdoutMse(DynamicsNetwork net, double[] x, double[] y, int in, int d) {
        int rows = x.length / in, M = net.members();
        double[] se = new double[M];
        MseLoss mse = new MseLoss();
        for (int s = 0; s < rows; s += EVAL_CHUNK) {
            int b = Math.min(EVAL_CHUNK, rows - s);
            INDArray xs = Nd4j.createFromArray(Arrays.copyOfRange(x, s * in, (s + b) * in)).reshape(b, in).castTo(DataTypes.of(net.precision()));
            INDArray ys = Nd4j.createFromArray(Arrays.copyOfRange(y, s * d, (s + b) * d)).reshape(b, d).castTo(DataTypes.of(net.precision()));
            INDArray out = net.body().forward(xs);
            double[] m = net.probabilistic() ? net.nll().evaluate(out, ys).mse() : mse.evaluate(out, ys).mse();
            for (int k = 0; k < M; k++) se[k] += m[k] * b / rows;
        }
        return se;
    }



    static double mean(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s / a.length;
    }
}
