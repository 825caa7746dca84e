package dev.valuekit.cltv;

import dev.valuekit.common.SeedStreams;
import dev.valuekit.common.ComputationException;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.fit.BatchPlan;
import dev.valuekit.fit.EarlyStopping;
import dev.valuekit.fit.EpochRecord;
import dev.valuekit.fit.HoldoutSplit;
import dev.valuekit.fit.TrainingLoop;
import dev.valuekit.tensor.Adam;
import dev.valuekit.tensor.AdamOptions;
import dev.valuekit.tensor.Minibatches;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Minibatch training of a {@link CltvNetwork} with Adam on {@link TrainingLoop}: the training rows are
 * shuffled every epoch (seeded), ZILN minimises the mean ZILN loss, OptDist the {@link OptDistObjective}.
 * With {@link NeuralTrainOptions#holdout()} above 0 randomly held-out customers score every epoch (the
 * mean ZILN loss of the sub-network the selector picks, as scoring does), training stops after
 * {@code patience} epochs without improvement and the best epoch's weights are kept; without a holdout
 * all {@code epochs} run and the last weights are kept. All the customers given (trained on and held out) then
 * calibrate the predicted mean ({@link ZilnBounds#calibrated}). Everything random (split, shuffles, Gumbel noise,
 * initialisation) comes from the seed, so the same seed gives the same model.
 */
public final class NeuralTrainer {
    /** A relative gain in the held-out loss smaller than this does not count as an improvement. */
    static final double IMPROVEMENT = 1e-4;

    private NeuralTrainer() {}

    /**
     * Per-epoch means of the epochs run: the model's loss (ZILN loss of the selected sub-network), OptDist's
     * selector objective, and OptDist's hard-label counts in the kept epoch (the last without a holdout); the
     * bounds the labels set on the lognormal (see {@link ZilnBounds}).
     */
    public record Summary(double[] epochLoss, double[] epochSelectorObjective, int[] hardLabelCounts, ZilnBounds bounds,
                          List<EpochRecord> log, int trainRows, int holdoutRows, double bestHoldoutLoss, boolean stoppedEarly,
                          int plannedEpochs, double constantHoldoutLoss) {
        /** A summary without the per-epoch log or a holdout (models made outside this trainer, tests). */
        public Summary(double[] epochLoss, double[] epochSelectorObjective, int[] hardLabelCounts, ZilnBounds bounds) {
            this(epochLoss, epochSelectorObjective, hardLabelCounts, bounds, List.of(), 0, 0, Double.NaN, false, epochLoss.length, Double.NaN);
        }

        public double finalLoss() { return epochLoss[epochLoss.length - 1]; }
        public int epochs() { return epochLoss.length; }

        /**
         * Whether the kept weights' held-out loss is below that of the best constant ZILN (the training labels'
         * purchase rate and lognormal fit, ignoring every feature); true without a holdout (nothing to judge).
         */
        public boolean beatsConstant() { return !(bestHoldoutLoss >= constantHoldoutLoss); }
    }

    public static Summary train(CltvNetwork net, CustomerEncoder.Encoded data, double[] y, NeuralTrainOptions o, ProgressListener log) {
        HoldoutSplit split = HoldoutSplit.of(null, data.rows(), o.holdout(), Integer.MAX_VALUE, o.seed());
        ZilnBounds bounds = ZilnBounds.fromLabels(y);   // mean-calibrated on all these customers after training
        int planned = o.epochsFor(split.train().length);
        Epochs epochs = new Epochs(net, data, y, o, split, bounds.sigmaMax(), planned);
        boolean holdout = split.holdout().length > 0;
        double[] initial = holdout ? new double[] {epochs.heldOutLoss()} : null;
        EarlyStopping stop = new EarlyStopping(net.params().list(), 1, holdout, initial, IMPROVEMENT, o.patience());
        List<EpochRecord> records = TrainingLoop.run("training " + net.shape().type().label(), epochs, stop, 0, planned, List.of(), log);
        net.refreshEmbeddings();
        bounds = bounds.calibrated(expectedValues(net, data, java.util.stream.IntStream.range(0, y.length).toArray(), bounds), y);
        int n = records.size();
        double[] loss = new double[n];
        for (int e = 0; e < n; e++) loss[e] = records.get(e).trainLoss()[0];
        return new Summary(loss, epochs.selector.stream().mapToDouble(Double::doubleValue).toArray(), epochs.keptCounts, bounds, records,
                split.train().length, split.holdout().length, holdout ? stop.best()[0] : Double.NaN, stop.stopped(), planned,
                holdout ? constantLoss(y, split.train(), split.holdout(), bounds.sigmaMax()) : Double.NaN);
    }

    /**
     * Mean ZILN loss on {@code held} of the best constant model fitted on {@code train}: logit of the share of
     * spenders, μ and σ (capped) the mean and standard deviation of their ln y. A network that cannot beat
     * it has learned nothing from the features.
     */
    static double constantLoss(double[] y, int[] train, int[] held, double sigmaMax) {
        int pos = 0;
        double s = 0, ss = 0;
        for (int i : train) {
            if (y[i] > 0) { pos++; s += Math.log(y[i]); ss += Math.log(y[i]) * Math.log(y[i]); }
        }
        double p = Math.min(Math.max((double) pos / train.length, 1e-9), 1 - 1e-9);
        double mu = pos > 0 ? s / pos : 0, sd = pos > 1 ? Math.sqrt(Math.max(ss / pos - mu * mu, 0)) : 1;
        double l0 = Math.log(p / (1 - p)), sigma = Math.min(Math.max(sd, Ziln.SIGMA_FLOOR), sigmaMax);
        double l2 = sigma > 30 ? sigma : Math.log(Math.expm1(sigma));   // softplus⁻¹
        double sum = 0;
        for (int i : held) sum += Ziln.loss(y[i], l0, mu, l2, sigmaMax);
        return sum / held.length;
    }

    /**
     * Mean ZILN loss of {@code rows} under the sub-network the selector picks for each (argmax), as scoring
     * picks it, with σ capped at {@code sigmaMax} as in training.
     */
    static double loss(CltvNetwork net, CustomerEncoder.Encoded data, double[] y, int[] rows, double sigmaMax) {
        int L = net.members();
        double s = 0;
        for (int from = 0; from < rows.length; from += 4096) {
            int b = Math.min(4096, rows.length - from);
            CltvNetwork.Output out = net.forward(data, rows, from, b);
            for (int i = 0; i < b; i++) {
                int c = (out.selected(i, L) * b + i) * 3;
                s += Ziln.loss(y[rows[from + i]], out.sub()[c], out.sub()[c + 1], out.sub()[c + 2], sigmaMax);
            }
        }
        return s / rows.length;
    }

    /** Predicted means (within {@code bounds}) of {@code rows} under the selected sub-network, as scoring gives them. */
    static double[] expectedValues(CltvNetwork net, CustomerEncoder.Encoded data, int[] rows, ZilnBounds bounds) {
        int L = net.members();
        double[] ev = new double[rows.length];
        for (int from = 0; from < rows.length; from += 4096) {
            int b = Math.min(4096, rows.length - from);
            CltvNetwork.Output out = net.forward(data, rows, from, b);
            for (int i = 0; i < b; i++) {
                int c = (out.selected(i, L) * b + i) * 3;
                ev[from + i] = bounds.expectedValue(out.sub()[c], out.sub()[c + 1], out.sub()[c + 2]);
            }
        }
        return ev;
    }

    private static final class Epochs implements TrainingLoop.Trainee {
        private final CltvNetwork net;
        private final CustomerEncoder.Encoded data;
        private final double[] y;
        private final NeuralTrainOptions o;
        private final int[] order, hold;
        private final int L;
        private final SplittableRandom rng;
        private final Adam adam;
        private final OptDistObjective objective;
        private final double[] noise, grad3 = new double[3];
        private final double sigmaMax;
        private final List<Double> selector = new ArrayList<>();
        private final int planned;
        private int[] hardCounts, keptCounts;
        private double tau;

        Epochs(CltvNetwork net, CustomerEncoder.Encoded data, double[] y, NeuralTrainOptions o, HoldoutSplit split, double sigmaMax, int planned) {
            this.planned = planned;
            this.sigmaMax = sigmaMax;
            this.net = net;
            this.data = data;
            this.y = y;
            this.o = o;
            this.order = split.train().clone();
            this.hold = split.holdout();
            this.L = net.members();
            this.rng = new SplittableRandom(SeedStreams.rowOrders(o.seed()));
            this.adam = new Adam(net.params(), AdamOptions.adam(o.learningRate()));
            this.objective = new OptDistObjective(L, o.lambda(), o.gamma(), o.subLoss(), sigmaMax);
            this.noise = new double[Math.min(o.batchSize(), order.length) * L];
            this.keptCounts = new int[L];
        }

        @Override
        public TrainingLoop.Scores trainEpoch(int epoch) {
            int e = epoch - 1, n = order.length;
            Minibatches.shuffle(order, rng);
            tau = o.temperature(e, planned);
            hardCounts = new int[L];
            double lossSum = 0, selSum = 0;
            BatchPlan plan = new BatchPlan(n, o.batchSize(), false);
            for (int k = 0; k < plan.count(); k++) {
                int from = plan.start(k), b = plan.size(k);
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
                    for (int h : t.hard()) hardCounts[h]++;
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
                if (!Double.isFinite(lossSum)) throw diverged(epoch, "the training loss became " + lossSum);
                adam.step();
                net.refreshEmbeddings();
            }
            selector.add(selSum / n);
            double loss = lossSum / n;
            return TrainingLoop.Scores.of(loss, Double.NaN, loss);
        }

        @Override
        public TrainingLoop.Scores holdout(int epoch) {
            double h = heldOutLoss();
            return TrainingLoop.Scores.of(h, Double.NaN, h);
        }

        double heldOutLoss() { return NeuralTrainer.loss(net, data, y, hold, sigmaMax); }

        @Override public String scoreName() { return "ZILN loss"; }

        @Override
        public ComputationException diverged(int epoch, String why) {
            return new ComputationException(why + " in epoch " + epoch + "; lower --lr (now " + o.learningRate()
                    + ") or check the features for extreme values");
        }

        @Override
        public Map<String, Object> metrics(EpochRecord r, EarlyStopping stop) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", r.epoch());
            m.put("loss", r.trainLoss()[0]);
            m.put("seconds", r.seconds());
            if (net.hasSelector()) {
                m.put("selector_objective", selector.get(selector.size() - 1));
                m.put("tau", tau);
            }
            if (stop.holdout()) {
                m.put("holdout_loss", r.holdoutLoss()[0]);
                m.put("best_holdout_loss", stop.best()[0]);
            }
            return m;
        }

        @Override
        public void epochDone(EpochRecord r, EarlyStopping stop, boolean improved) {
            if (improved) keptCounts = Arrays.copyOf(hardCounts, L);
        }
    }
}
