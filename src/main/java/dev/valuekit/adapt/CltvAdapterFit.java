package dev.valuekit.adapt;

import dev.valuekit.artifact.Artifact;
import dev.valuekit.cltv.CltvNetwork;
import dev.valuekit.cltv.CustomerEncoder;
import dev.valuekit.cltv.Ziln;
import dev.valuekit.common.ComputationException;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.dynamics.EpochRecord;
import dev.valuekit.dynamics.HoldoutSplit;
import dev.valuekit.tensor.Adam;
import dev.valuekit.tensor.AdamOptions;
import dev.valuekit.tensor.Minibatches;
import dev.valuekit.tensor.Param;
import dev.valuekit.tensor.Params;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adapts a neural ZILN CLTV model ({@code predict-cltv fit --method ziln}) to target customers with its
 * own objective, the mean ZILN loss of the label (as NeuralTrainer). Only adapters on the sub-network
 * layers ({@code sub.layer.i.weight}) train; embeddings, biases and the encoder stay the base's.
 * Early stopping on the mean ZILN loss of randomly held-out customers.
 */
public final class CltvAdapterFit {
    private CltvAdapterFit() {}

    static boolean adaptable(String tensor) {
        return tensor.startsWith("sub.layer.") && tensor.endsWith(".weight");
    }

    public static List<MatrixRef> select(Artifact base, String source, FitOptions o) {
        return ModelMatrices.select(base, source, o.layers(), o.freeze(), CltvAdapterFit::adaptable, "sub.layer.* weights");
    }

    public static FitResult fit(CltvNetwork net, Artifact raw, String baseSource, CustomerEncoder.Encoded data, double[] y,
                                FitOptions o, ProgressListener progress) {
        List<MatrixRef> refs = select(raw, baseSource, o);
        Params all = net.params();
        AdapterBinding binding = new AdapterBinding(all, raw, refs, o, progress);
        Params trained = binding.trained();
        long trainable = trained.trainableCount();
        HoldoutSplit split = HoldoutSplit.of(null, data.rows(), o.holdout(), HoldoutSplit.DEFAULT_CAP, o.seed());
        int[] train = split.train(), hold = split.holdout();
        int n = train.length, batch = Math.min(o.batch(), n);
        binding.materialize();
        double baseLoss = hold.length > 0 ? loss(net, data, y, hold) : Double.NaN;
        Adam adam = new Adam(trained, AdamOptions.adamW(o.learningRate()));
        long stepsPerEpoch = n / batch, total = stepsPerEpoch * o.epochs(), step = 0;
        BestEpoch best = new BestEpoch(trained, hold.length > 0, baseLoss, o.patience(), "ZILN loss");
        double[] grad3 = new double[3];
        List<EpochRecord> log = new ArrayList<>();
        progress.start("svd-adapt fit: " + trainable + " trainable parameters on " + n + " customers", o.epochs());
        for (int epoch = 1; epoch <= o.epochs() && !best.stopped(); epoch++) {
            long t0 = System.nanoTime();
            int[] order = Minibatches.epochOrders(new int[][] {train}, o.seed(), epoch)[0];
            double trainLoss = 0;
            for (int start = 0; start + batch <= n; start += batch) {
                binding.materialize();
                all.zeroGrad();
                CltvNetwork.Output out = net.forward(data, order, start, batch);
                double[] d = new double[batch * 3];
                double sum = 0;
                for (int i = 0; i < batch; i++) {
                    sum += Ziln.lossAndGradient(y[order[start + i]], out.sub()[3 * i], out.sub()[3 * i + 1], out.sub()[3 * i + 2], grad3);
                    for (int j = 0; j < 3; j++) d[3 * i + j] = grad3[j] / batch;
                }
                if (!Double.isFinite(sum)) {
                    throw new ComputationException("adaptation diverged at epoch " + epoch + ": ZILN loss is " + sum + "; lower --lr or --lora-alpha");
                }
                net.backward(d, null);
                binding.backward();
                double wd = o.weightDecay(step++, total);
                for (Param p : trained.list()) p.weightDecay(wd);
                adam.step();
                trainLoss += sum / batch / stepsPerEpoch;
            }
            binding.materialize();
            double h = Double.NaN;
            if (hold.length > 0) h = loss(net, data, y, hold);
            best.update(epoch, h, trainLoss);
            log.add(new EpochRecord(epoch, new double[] {trainLoss}, new double[] {Double.NaN}, new double[] {h}, new double[] {Double.NaN},
                    (System.nanoTime() - t0) / 1e9));
            progress.advance(epoch);
            Map<String, Object> met = new LinkedHashMap<>();
            met.put("epoch", epoch);
            met.put("train_loss", trainLoss);
            met.put("holdout_loss", h);
            met.put("best_holdout_loss", best.best());
            progress.metrics("epoch", met);
        }
        progress.finish();
        best.restore();
        binding.materialize();
        return new FitResult(binding.matrices(), all, List.copyOf(log), n, hold.length, baseLoss, best.best(), best.stopped(), trainable, "ziln_loss");
    }

    /** Mean ZILN loss over the rows (the sub-network's outputs; one member for ZILN). */
    private static double loss(CltvNetwork net, CustomerEncoder.Encoded data, double[] y, int[] rows) {
        double s = 0;
        for (int from = 0; from < rows.length; from += 4096) {
            int b = Math.min(4096, rows.length - from);
            CltvNetwork.Output out = net.forward(data, rows, from, b);
            for (int i = 0; i < b; i++) s += Ziln.loss(y[rows[from + i]], out.sub()[3 * i], out.sub()[3 * i + 1], out.sub()[3 * i + 2]);
        }
        return s / rows.length;
    }
}
