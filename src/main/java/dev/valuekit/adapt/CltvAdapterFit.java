package dev.valuekit.adapt;

import dev.valuekit.artifact.Artifact;
import dev.valuekit.cltv.CltvNetwork;
import dev.valuekit.cltv.CustomerEncoder;
import dev.valuekit.cltv.Ziln;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.fit.EarlyStopping;
import dev.valuekit.fit.EpochRecord;
import dev.valuekit.fit.TrainingLoop;
import dev.valuekit.fit.HoldoutSplit;
import dev.valuekit.tensor.Minibatches;
import dev.valuekit.tensor.Params;

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

    public static List<MatrixRef> select(Artifact base, String source, AdaptFitOptions o) {
        return ModelMatrices.select(base, source, o.layers(), o.freeze(), CltvAdapterFit::adaptable, "sub.layer.* weights");
    }

    public static FitResult fit(CltvNetwork net, Artifact raw, String baseSource, CustomerEncoder.Encoded data, double[] y,
                                AdaptFitOptions o, ProgressListener progress) {
        List<MatrixRef> refs = select(raw, baseSource, o);
        Params all = net.params();
        AdapterBinding binding = new AdapterBinding(all, raw, refs, o, progress);
        HoldoutSplit split = HoldoutSplit.of(null, data.rows(), o.holdout(), HoldoutSplit.DEFAULT_CAP, o.seed());
        int[] train = split.train(), hold = split.holdout();
        binding.materialize();
        double baseLoss = hold.length > 0 ? loss(net, data, y, hold) : Double.NaN;
        AdapterTraining epochs = new AdapterTraining(binding, o, train.length) {
            final double[] grad3 = new double[3];

            @Override
            public TrainingLoop.Scores trainEpoch(int epoch) {
                int[] order = Minibatches.epochOrders(new int[][] {train}, o.seed(), epoch)[0];
                double trainLoss = 0;
                int batch = plan.batch(), steps = plan.count();
                for (int k = 0; k < steps; k++) {
                    int start = plan.start(k);
                    binding.materialize();
                    all.zeroGrad();
                    CltvNetwork.Output out = net.forward(data, order, start, batch);
                    double[] d = new double[batch * 3];
                    double sum = 0;
                    for (int i = 0; i < batch; i++) {
                        sum += Ziln.lossAndGradient(y[order[start + i]], out.sub()[3 * i], out.sub()[3 * i + 1], out.sub()[3 * i + 2], grad3);
                        for (int j = 0; j < 3; j++) d[3 * i + j] = grad3[j] / batch;
                    }
                    if (!Double.isFinite(sum)) throw diverged(epoch, "ZILN loss is " + sum);
                    net.backward(d, null);
                    update();
                    trainLoss += sum / batch / steps;
                }
                binding.materialize();
                return TrainingLoop.Scores.of(trainLoss, Double.NaN, trainLoss);
            }

            @Override
            public TrainingLoop.Scores holdout(int epoch) {
                double h = loss(net, data, y, hold);
                return TrainingLoop.Scores.of(h, Double.NaN, h);
            }

            @Override public String scoreName() { return "ZILN loss"; }

            @Override
            public Map<String, Object> metrics(EpochRecord r, EarlyStopping stop) {
                Map<String, Object> met = new LinkedHashMap<>();
                met.put("epoch", r.epoch());
                met.put("train_loss", r.trainLoss()[0]);
                met.put("holdout_loss", r.holdoutLoss()[0]);
                met.put("best_holdout_loss", stop.best()[0]);
                return met;
            }
        };
        return epochs.run("customers", hold.length, baseLoss, all, "ziln_loss", progress);
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
