package dev.valuekit.cltv;

import dev.valuekit.common.ComputationException;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.tensor.Adam;
import dev.valuekit.tensor.AdamOptions;
import dev.valuekit.tensor.Minibatches;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Minibatch training of a {@link CltvNetwork} with Adam: the rows are shuffled every epoch (seeded),
 * ZILN minimises the mean ZILN loss, OptDist the {@link OptDistObjective}. Everything random (shuffles,
 * Gumbel noise, initialisation) comes from the seed, so the same seed gives the same model.
 */
public final class NeuralTrainer {
    private NeuralTrainer() {}

    /**
     * Per-epoch means: the model's loss (ZILN loss of the selected sub-network) and OptDist's objectives;
     * the bounds the labels set on the lognormal (see {@link ZilnBounds}).
     */
    public record Summary(double[] epochLoss, double[] epochSelectorObjective, int[] hardLabelCounts, ZilnBounds bounds) {
        public double finalLoss() { return epochLoss[epochLoss.length - 1]; }
    }

    public static Summary train(CltvNetwork net, CustomerEncoder.Encoded data, double[] y, NeuralTrainOptions o, ProgressListener log) {
        int n = data.rows(), L = net.members();
        SplittableRandom rng = new SplittableRandom(o.seed() ^ 0x5DEECE66DL);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Adam adam = new Adam(net.params(), AdamOptions.adam(o.learningRate()));
        ZilnBounds bounds = ZilnBounds.fromLabels(y);
        double sigmaMax = bounds.sigmaMax();
        OptDistObjective objective = new OptDistObjective(L, o.lambda(), o.gamma(), o.subLoss(), sigmaMax);
        double[] epochLoss = new double[o.epochs()], epochSel = new double[o.epochs()];
        int[] hardCounts = new int[L];
        double[] noise = new double[Math.min(o.batchSize(), n) * L];
        double[] grad3 = new double[3];
        int steps = (n + o.batchSize() - 1) / o.batchSize();
        log.start("training " + net.shape().type().label(), (long) o.epochs() * steps);
        long done = 0;
        for (int e = 0; e < o.epochs(); e++) {
            Minibatches.shuffle(order, rng);
            double tau = o.temperature(e);
            double lossSum = 0, selSum = 0;
            long t0 = System.nanoTime();
            if (e == o.epochs() - 1) java.util.Arrays.fill(hardCounts, 0);
            for (int from = 0; from < n; from += o.batchSize()) {
                int b = Math.min(o.batchSize(), n - from);
                CltvNetwork.Output out = net.forward(data, order, from, b);
                double[] by = new double[b];
                for (int i = 0; i < b; i++) by[i] = y[order[from + i]];
                net.params().zeroGrad();
                if (net.hasSelector()) {
                    OptDistObjective.gumbel(rng, noise, b * L);
                    OptDistObjective.Targets t = objective.targets(objective.losses(by, b, out.sub()), b);
                    OptDistObjective.Result r = objective.evaluate(by, b, out.sub(), out.selector(), noise, tau, t);
                    lossSum += r.selectedLoss() * b;
                    selSum += r.selectorObjective() * b;
                    if (e == o.epochs() - 1) for (int h : t.hard()) hardCounts[h]++;
                    net.backward(r.dSub(), r.dSel());
                } else {
                    double[] d = new double[b * 3];
                    double sum = 0;
                    for (int i = 0; i < b; i++) {
                        sum += Ziln.lossAndGradient(by[i], out.sub()[3 * i], out.sub()[3 * i + 1], out.sub()[3 * i + 2], sigmaMax, grad3);
                        for (int j = 0; j < 3; j++) d[3 * i + j] = grad3[j] / b;
                    }
                    lossSum += sum;
                    net.backward(d, null);
                }
                if (!Double.isFinite(lossSum)) {
                    throw new ComputationException("the training loss became " + lossSum + " in epoch " + (e + 1)
                            + "; lower --lr (now " + o.learningRate() + ") or check the features for extreme values");
                }
                adam.step();
                net.refreshEmbeddings();
                log.advance(++done);
            }
            epochLoss[e] = lossSum / n;
            epochSel[e] = selSum / n;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", e + 1);
            m.put("loss", epochLoss[e]);
            m.put("seconds", (System.nanoTime() - t0) / 1e9);
            if (net.hasSelector()) {
                m.put("selector_objective", epochSel[e]);
                m.put("tau", tau);
            }
            log.metrics("epoch", m);
        }
        log.finish();
        return new Summary(epochLoss, epochSel, hardCounts, bounds);
    }

}
