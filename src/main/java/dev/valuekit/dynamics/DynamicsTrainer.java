package dev.valuekit.dynamics;

import dev.valuekit.table.Transitions;

import dev.valuekit.tensor.DataTypes;

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
import dev.valuekit.tensor.EnsembleMlp;
import dev.valuekit.tensor.GaussianNll;
import dev.valuekit.tensor.Minibatches;
import dev.valuekit.tensor.MseLoss;
import dev.valuekit.tensor.Precision;
import dev.valuekit.tensor.Normalizer;
import dev.valuekit.tensor.Param;
import dev.valuekit.tensor.VagramLoss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a dynamics ensemble the MBPO way: every member its own shuffle (or bootstrap) of the
 * training rows each epoch, Adam with per-layer L2 decay, holdout MSE after every epoch, each member
 * keeping its best weights, early stopping once no member has improved by more than 1% for
 * {@code patience} epochs, and elites chosen by best holdout MSE.
 *
 * <p>With {@code --loss vagram} the members are deterministic and trained on {@link VagramLoss} with
 * {@link VagramWeights} from the value gradient at every row's next state; the holdout criterion
 * (early stopping, best weights, elites) is then the holdout VaGraM loss instead of the MSE, which
 * irrelevant, unpredictable observation dimensions would otherwise dominate.
 *
 * <p>Each epoch's shuffles come from a generator seeded by (seed, epoch), so a run resumed from a
 * checkpoint continues exactly as the uninterrupted run would have.
 */
public final class DynamicsTrainer {
    private static final int EVAL_CHUNK = 4096;

    private DynamicsTrainer() {}

    public static TrainingResult train(Transitions data, TrainOptions o, CheckpointStore checkpoints,
                                       ProgressListener progress) throws IOException {
        return train(data, o, checkpoints, progress, null, TrainingTrace.NONE);
    }

    /**
     * @param valueGradient for {@link TrainOptions.Loss#VAGRAM}: ∂V/∂s' at every row's next observation
     *                      ({@code rows × obsDim}, raw units); ignored by the other losses
     * @param trace         receives the initial weights, split, row orders and losses (bench/dynamics_swap.sh)
     */
    public static TrainingResult train(Transitions data, TrainOptions o, CheckpointStore checkpoints,
                                       ProgressListener progress, double[] valueGradient, TrainingTrace trace) throws IOException {
        HoldoutSplit split = HoldoutSplit.of(data.episode(), data.rows(), o.holdout(), o.holdoutCap(), o.seed());
        int in = data.obsDim() + data.actDim(), d = DynamicsTargets.dim(data), M = o.members();
        double[] x = data.obsAct(), y = DynamicsTargets.of(data);
        double[] xTrain = Minibatches.rows(x, in, split.train());
        double[] yTrain = Minibatches.rows(y, d, split.train());
        boolean[] termTrain = pick(data.terminal(), split.train());
        boolean vagram = o.loss() == TrainOptions.Loss.VAGRAM;
        int od = data.obsDim();
        double[] wAll = null, wTrain = null;
        if (vagram) {
            if (valueGradient == null || valueGradient.length != data.rows() * od) {
                throw new IllegalArgumentException("vagram needs the value gradient of every row");
            }
            VagramWeights vw = VagramWeights.clipped(valueGradient, od, split.train(), VagramWeights.DEFAULT_PERCENTILE);
            wAll = vw.weights();
            progress.info("vagram weights |dV/ds'| per observation dimension: mean " + fmt(vw.mean(split.train()))
                    + ", clipped at " + fmt(vw.bounds()));
            wTrain = Minibatches.rows(wAll, od, split.train());
        }
        Normalizer norm = Normalizer.fit(xTrain, split.train().length, in);
        norm.normalize(xTrain);
        boolean learnedTermination = o.termination().kind() == Termination.Kind.LEARNED;
        DynamicsNetwork net = new DynamicsNetwork(M, in, d, o.hiddenWidths(), o.activation(),
                o.loss() == TrainOptions.Loss.NLL, learnedTermination, norm, o.seed());
        net.body().setWeightDecay(o.weightDecay());
        if (net.termination() != null) net.termination().setWeightDecay(o.weightDecay());
        Adam adam = new Adam(net.params(), AdamOptions.adam(o.learningRate()));

        Holdout hold = new Holdout(x, y, in, d, split, norm, vagram ? Minibatches.rows(wAll, od, split.holdout()) : null);
        int n = split.train().length;
        int[][] base = baseOrders(M, n, o.bootstrap(), o.seed());

        TrainingState state = checkpoints.load(net);
        List<Param> tracked = new ArrayList<>(net.body().params().list());
        if (net.termination() != null) tracked.addAll(net.termination().params().list());
        int startEpoch = 0;
        EarlyStopping stop;
        List<EpochRecord> log = new ArrayList<>();
        if (state != null) {
            startEpoch = state.epoch();
            adam.restore(state.adamSteps(), state.adamMoments());
            stop = EarlyStopping.resume(tracked, M, hold.rows > 0, state.bestMse(), state.bestValues(), state.sinceImprovement(),
                    TrainOptions.IMPROVEMENT, o.patience());
            log.addAll(state.log());
            progress.info("resuming from the checkpoint after epoch " + startEpoch);
        } else {
            double[] initial = hold.rows > 0 ? hold.evaluate(net).score() : null;
            stop = new EarlyStopping(tracked, M, hold.rows > 0, initial, TrainOptions.IMPROVEMENT, o.patience());
            trace.start(net, split);
        }

        Epochs epochs = new Epochs(net, adam, o, in, d, xTrain, yTrain, termTrain, wTrain, base, hold, checkpoints, trace, log);
        List<EpochRecord> done;
        try {
            done = TrainingLoop.run("train-model: " + M + " members on " + n + " rows", epochs, stop, startEpoch, o.maxEpochs(),
                    log, progress);
        } catch (UncheckedIOException e) {
            throw e.getCause();   // a checkpoint could not be written
        }
        int[] elites = elites(stop.best(), o.elites());
        return new TrainingResult(net, elites, split, done, stop.best(), stop.stopped());
    }

    /** One epoch of minibatches over every member's own row order, holdout scoring and checkpoints. */
    private static final class Epochs implements TrainingLoop.Trainee {
        private final DynamicsNetwork net;
        private final Adam adam;
        private final TrainOptions o;
        private final double[] xTrain, yTrain, wTrain;
        private final boolean[] termTrain;
        private final int[][] base;
        private final Holdout hold;
        private final CheckpointStore checkpoints;
        private final TrainingTrace trace;
        private final Batches batches;
        private final MseLoss mse = new MseLoss();
        private final VagramLoss vag;
        private final BernoulliLoss bce = new BernoulliLoss();
        private final int in, d, od, M, n;
        private final List<EpochRecord> log;

        Epochs(DynamicsNetwork net, Adam adam, TrainOptions o, int in, int d, double[] xTrain, double[] yTrain, boolean[] termTrain,
               double[] wTrain, int[][] base, Holdout hold, CheckpointStore checkpoints, TrainingTrace trace, List<EpochRecord> earlier) {
            this.net = net;
            this.adam = adam;
            this.o = o;
            this.xTrain = xTrain;
            this.yTrain = yTrain;
            this.termTrain = termTrain;
            this.wTrain = wTrain;
            this.base = base;
            this.hold = hold;
            this.checkpoints = checkpoints;
            this.trace = trace;
            this.log = new ArrayList<>(earlier);
            this.M = net.members();
            this.in = in;
            this.d = d;
            this.od = d - 1;
            this.n = base[0].length;
            this.batches = new Batches(M, in, d, net.precision());
            this.vag = wTrain != null ? new VagramLoss(od) : null;
        }

        @Override
        public TrainingLoop.Scores trainEpoch(int epoch) {
            boolean vagram = vag != null;
            int[][] order = Minibatches.epochOrders(base, o.seed(), epoch);
            trace.epoch(epoch, order);
            double[] trainLoss = new double[M];
            double[] trainMse = new double[M];
            BatchPlan plan = new BatchPlan(n, o.batch(), false);
            for (int k = 0; k < plan.count(); k++) {
                int start = plan.start(k), b = plan.size(k);
                INDArray x = batches.x(b), y = batches.y(b);
                Minibatches.gather(xTrain, in, order, start, b, x);
                Minibatches.gather(yTrain, d, order, start, b, y);
                net.params().zeroGrad();
                INDArray out = net.body().forward(x);
                double loss;
                double[] memberLoss, memberMse;
                if (vagram) {   // VaGraM models are deterministic: never probabilistic
                    VagramLoss.Result r = vag.lossAndGradient(out, y, Minibatches.gatherRows(wTrain, od, order, start, b));
                    net.body().backward(r.gradient(), false);
                    loss = r.loss();
                    memberLoss = r.vagram();
                    memberMse = r.mse();
                } else {
                    DynamicsNetwork.BodyLoss r = net.backwardBody(out, y, mse);
                    loss = r.loss();
                    memberLoss = r.memberLoss();
                    memberMse = r.memberMse();
                }
                if (net.termination() != null) {
                    double[][] t = new double[M][b];
                    for (int m = 0; m < M; m++) for (int i = 0; i < b; i++) t[m][i] = termTrain[order[m][start + i]] ? 1 : 0;
                    BernoulliLoss.Result r = bce.lossAndGradient(net.termination().forward(x), t, true);
                    net.termination().backward(r.gradient(), false);
                    loss += r.loss();
                }
                if (!Double.isFinite(loss)) throw diverged(epoch, "training loss is " + loss);
                trace.step(epoch, start / o.batch(), loss);
                adam.step();
                for (int m = 0; m < M; m++) {
                    trainLoss[m] += memberLoss[m] * b / n;
                    trainMse[m] += memberMse[m] * b / n;
                }
            }
            return new TrainingLoop.Scores(trainLoss, trainMse, vagram ? trainLoss : trainMse);
        }

        @Override
        public TrainingLoop.Scores holdout(int epoch) {
            Holdout.Metrics h = hold.evaluate(net);
            trace.holdout(epoch, h.mse);
            for (int m = 0; m < M; m++) {
                if (!Double.isFinite(h.mse[m])) throw diverged(epoch, "holdout MSE of member " + m + " is " + h.mse[m]);
            }
            return new TrainingLoop.Scores(h.loss, h.mse, h.score());
        }

        @Override public String scoreName() { return vag != null ? "VaGraM loss" : "MSE"; }

        @Override
        public ComputationException diverged(int epoch, String why) {
            return DynamicsTrainer.diverged(epoch, why);
        }

        @Override
        public Map<String, Object> metrics(EpochRecord r, EarlyStopping stop) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", r.epoch());
            m.put("train_loss", TrainingLoop.mean(r.trainLoss()));
            m.put("holdout_mse", TrainingLoop.mean(r.holdoutMse()));
            m.put("holdout_loss", TrainingLoop.mean(r.holdoutLoss()));
            m.put("best_holdout_mse", TrainingLoop.min(stop.best()));
            m.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
            return m;
        }

        @Override
        public void epochDone(EpochRecord r, EarlyStopping stop, boolean improved) {
            log.add(r);
            int epoch = r.epoch();
            if (o.checkpointEvery() > 0 && (epoch % o.checkpointEvery() == 0 || stop.stopped() || epoch == o.maxEpochs())) {
                Map<String, double[][]> moments = new LinkedHashMap<>();
                for (Param p : net.params().list()) {
                    double[][] mv = adam.moments(p.name());
                    if (mv != null) moments.put(p.name(), mv);
                }
                try {
                    checkpoints.save(net, new TrainingState(epoch, adam.steps(), moments, stop.best(), stop.values(),
                            stop.sinceImprovement(), List.copyOf(log)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** The k members with the lowest score, best first (ties by member index). */
    static int[] elites(double[] score, int k) {
        Integer[] idx = new Integer[score.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> Double.compare(score[a], score[b]) != 0 ? Double.compare(score[a], score[b]) : a - b);
        int[] e = new int[k];
        for (int i = 0; i < k; i++) e[i] = idx[i];
        return e;
    }

    static ComputationException diverged(int epoch, String why) {
        return new ComputationException("training diverged at epoch " + epoch + ": " + why
                + "; lower --lr, use --precision f64, or check the data's scale");
    }


    static double mean(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s / a.length;
    }





    /** Per member: a permutation of the training rows, or a bootstrap resample drawn once. */
    private static int[][] baseOrders(int members, int n, boolean bootstrap, long seed) {
        int[][] o = new int[members][n];
        SplittableRandom rng = new SplittableRandom(SeedStreams.rowOrders(seed));
        for (int m = 0; m < members; m++) {
            for (int i = 0; i < n; i++) o[m][i] = bootstrap ? rng.nextInt(n) : i;
        }
        return o;
    }

    private static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) sb.append(i > 0 ? ", " : "").append(String.format(java.util.Locale.ROOT, "%.3g", v[i]));
        return sb.append(']').toString();
    }


    private static boolean[] pick(boolean[] a, int[] idx) {
        boolean[] out = new boolean[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = a[idx[i]];
        return out;
    }

    /** Minibatch buffers, one pair per batch size (the full size and the last partial one). */
    private static final class Batches {
        private final int members, in, out;
        private final Precision precision;
        private final Map<Integer, INDArray[]> bySize = new HashMap<>();

        Batches(int members, int in, int out, Precision precision) {
            this.members = members;
            this.in = in;
            this.out = out;
            this.precision = precision;
        }

        INDArray x(int b) { return get(b)[0]; }
        INDArray y(int b) { return get(b)[1]; }

        private INDArray[] get(int b) {
            return bySize.computeIfAbsent(b, k -> new INDArray[] {
                    Nd4j.create(DataTypes.of(precision), new long[] {members, k, in}, 'c'),
                    Nd4j.create(DataTypes.of(precision), new long[] {members, k, out}, 'c')});
        }
    }

    /** The held-out rows, normalised once, evaluated in chunks with every member seeing every row. */
    private static final class Holdout {
        final int rows;
        private final double[] x;
        private final double[] y;
        private final int in, d;
        private final MseLoss mse = new MseLoss();
        private final double[] w;          // VaGraM weights of the held-out rows, else null
        private final VagramLoss vagram;

        /** @param vagram whether {@code loss} (the VaGraM loss) rather than {@code mse} selects members */
        record Metrics(double[] loss, double[] mse, boolean vagram) {
            double[] score() { return vagram ? loss : mse; }
        }

        /** @param x all rows' inputs, {@code y} their targets ({@code in} and {@code d} wide) */
        Holdout(double[] x, double[] y, int in, int d, HoldoutSplit split, Normalizer norm, double[] weights) {
            this.w = weights;
            this.vagram = weights == null ? null : new VagramLoss(d - 1);
            this.in = in;
            this.d = d;
            this.rows = split.holdout().length;
            this.x = Minibatches.rows(x, in, split.holdout());
            norm.normalize(this.x);
            this.y = Minibatches.rows(y, d, split.holdout());
        }

        Metrics evaluate(DynamicsNetwork net) {
            int M = net.members();
            double[] loss = new double[M], se = new double[M];
            for (int s = 0; s < rows; s += EVAL_CHUNK) {
                int b = Math.min(EVAL_CHUNK, rows - s);
                INDArray xs = slice(x, s, b, in, net.precision()), ys = slice(y, s, b, d, net.precision());
                INDArray out = net.body().forward(xs);
                double[] l, m;
                if (net.probabilistic()) {
                    GaussianNll.Result r = net.nll().evaluate(out, ys);
                    l = r.nll();
                    m = r.mse();
                } else if (vagram != null) {
                    int od = d - 1;
                    double[] wb = new double[M * b * od];
                    for (int k = 0; k < M; k++) System.arraycopy(w, s * od, wb, k * b * od, b * od);
                    INDArray yy = Nd4j.concat(0, java.util.Collections.nCopies(M, ys.reshape(1, b, d)).toArray(new INDArray[0]));
                    VagramLoss.Result r = vagram.evaluate(out, yy, wb);
                    l = r.vagram();
                    m = r.mse();
                } else {
                    MseLoss.Result r = mse.evaluate(out, ys);
                    l = r.mse();
                    m = r.mse();
                }
                for (int k = 0; k < M; k++) {
                    loss[k] += l[k] * b / rows;
                    se[k] += m[k] * b / rows;
                }
            }
            return new Metrics(loss, se, vagram != null);
        }

        private static INDArray slice(double[] a, int start, int b, int cols, Precision precision) {
            double[] part = Arrays.copyOfRange(a, start * cols, (start + b) * cols);
            return Nd4j.createFromArray(part).reshape(b, cols).castTo(DataTypes.of(precision));
        }
    }
}
