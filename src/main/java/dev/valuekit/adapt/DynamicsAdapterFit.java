package dev.valuekit.adapt;

import dev.valuekit.artifact.Artifact;
import dev.valuekit.common.BadInputException;
import dev.valuekit.common.ComputationException;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.dynamics.DynamicsArtifacts;
import dev.valuekit.dynamics.DynamicsNetwork;
import dev.valuekit.dynamics.EpochRecord;
import dev.valuekit.dynamics.HoldoutSplit;
import dev.valuekit.dynamics.TransitionData;
import dev.valuekit.tensor.Adam;
import dev.valuekit.tensor.AdamOptions;
import dev.valuekit.tensor.GaussianNll;
import dev.valuekit.tensor.Minibatches;
import dev.valuekit.tensor.MseLoss;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Param;
import dev.valuekit.tensor.Params;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
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
    public static List<MatrixRef> select(Artifact base, String source, FitOptions o) {
        return ModelMatrices.select(base, source, o.layers(), o.freeze(), DynamicsAdapterFit::adaptable, "dynamics.layer.* weights");
    }

    public static FitResult fit(DynamicsArtifacts.Loaded base, String baseSource, TransitionData data, FitOptions o,
                             ProgressListener progress) {
        requireColumns(base, data);
        DynamicsNetwork net = base.network();
        List<MatrixRef> refs = select(base.artifact(), baseSource, o);
        Params all = net.params();
        AdapterBinding binding = new AdapterBinding(all, base.artifact(), refs, o, progress);
        Params trained = binding.trained();
        long trainable = trained.trainableCount();

        int in = data.inputDim(), d = data.targetDim(), M = net.members();
        HoldoutSplit split = HoldoutSplit.of(data.episode(), data.rows(), o.holdout(), HoldoutSplit.DEFAULT_CAP, o.seed());
        double[] xTrain = Minibatches.rows(data.inputs(), in, split.train());
        double[] yTrain = Minibatches.rows(data.targets(), d, split.train());
        net.normalizer().normalize(xTrain);
        double[] xHold = Minibatches.rows(data.inputs(), in, split.holdout());
        double[] yHold = Minibatches.rows(data.targets(), d, split.holdout());
        net.normalizer().normalize(xHold);
        int n = split.train().length, batch = Math.min(o.batch(), n);
        int[][] identity = new int[M][];
        java.util.Arrays.setAll(identity, m -> java.util.stream.IntStream.range(0, n).toArray());

        binding.materialize();
        double baseMse = split.holdout().length > 0 ? mean(holdoutMse(net, xHold, yHold, in, d)) : Double.NaN;
        Adam adam = new Adam(trained, AdamOptions.adamW(o.learningRate()));
        long stepsPerEpoch = n / batch, total = stepsPerEpoch * o.epochs(), step = 0;
        MseLoss mse = new MseLoss();
        INDArray x = null, y = null;
        BestEpoch best = new BestEpoch(trained, split.holdout().length > 0, baseMse, o.patience(), "MSE");
        List<EpochRecord> log = new ArrayList<>();
        progress.start("svd-adapt fit: " + trainable + " trainable parameters on " + n + " rows", o.epochs());
        for (int epoch = 1; epoch <= o.epochs() && !best.stopped(); epoch++) {
            long t0 = System.nanoTime();
            int[][] order = Minibatches.epochOrders(identity, o.seed(), epoch);
            double[] trainLoss = new double[M], trainMse = new double[M];
            for (int start = 0; start + batch <= n; start += batch) {   // full batches only: one buffer shape
                if (x == null) {
                    x = Nd4j.create(Nd4jRuntime.precision().dataType(), new long[] {M, batch, in}, 'c');
                    y = Nd4j.create(Nd4jRuntime.precision().dataType(), new long[] {M, batch, d}, 'c');
                }
                Minibatches.gather(xTrain, in, order, start, batch, x);
                Minibatches.gather(yTrain, d, order, start, batch, y);
                binding.materialize();
                all.zeroGrad();
                INDArray out = net.body().forward(x);
                double loss;
                double[] ml, mm;
                if (net.probabilistic()) {
                    GaussianNll.Result r = net.nll().lossAndGradient(out, y);
                    net.body().backward(r.gradient(), false);
                    loss = r.loss(); ml = r.nll(); mm = r.mse();
                } else {
                    MseLoss.Result r = mse.lossAndGradient(out, y);
                    net.body().backward(r.gradient(), false);
                    loss = r.loss(); ml = r.mse(); mm = r.mse();
                }
                if (!Double.isFinite(loss)) {
                    throw new ComputationException("adaptation diverged at epoch " + epoch + ": training loss is " + loss
                            + "; lower --lr or --lora-alpha");
                }
                binding.backward();
                double wd = o.weightDecay(step++, total);
                for (Param p : trained.list()) p.weightDecay(wd);
                adam.step();
                for (int m = 0; m < M; m++) {
                    trainLoss[m] += ml[m] / stepsPerEpoch;
                    trainMse[m] += mm[m] / stepsPerEpoch;
                }
            }
            binding.materialize();
            double[] hMse = new double[M];
            Arrays.fill(hMse, Double.NaN);
            if (split.holdout().length > 0) hMse = holdoutMse(net, xHold, yHold, in, d);
            best.update(epoch, mean(hMse), mean(trainMse));
            double[] hLoss = new double[M];
            Arrays.fill(hLoss, Double.NaN);
            log.add(new EpochRecord(epoch, trainLoss, trainMse, hLoss, hMse, (System.nanoTime() - t0) / 1e9));
            progress.advance(epoch);
            Map<String, Object> met = new LinkedHashMap<>();
            met.put("epoch", epoch);
            met.put("train_loss", mean(trainLoss));
            met.put("holdout_mse", mean(hMse));
            met.put("best_holdout_mse", best.best());
            met.put("weight_decay", o.weightDecay(step, total));
            progress.metrics("epoch", met);
        }
        progress.finish();
        best.restore();
        binding.materialize();
        return new FitResult(binding.matrices(), all, List.copyOf(log), split.train().length, split.holdout().length, baseMse, best.best(), best.stopped(),
                trainable, "mse");
    }

    /** The data must carry the model's observation and action columns, in the model's order. */
    public static void requireColumns(DynamicsArtifacts.Loaded base, TransitionData data) {
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
            INDArray xs = Nd4j.createFromArray(Arrays.copyOfRange(x, s * in, (s + b) * in)).reshape(b, in).castTo(Nd4jRuntime.precision().dataType());
            INDArray ys = Nd4j.createFromArray(Arrays.copyOfRange(y, s * d, (s + b) * d)).reshape(b, d).castTo(Nd4jRuntime.precision().dataType());
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
