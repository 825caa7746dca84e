package dev.valuekit.fit;

import dev.valuekit.common.ComputationException;
import dev.valuekit.common.ProgressListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The epoch loop every trainer shares: train an epoch, score the holdout, update {@link EarlyStopping},
 * record an {@link EpochRecord}, report progress, and at the end put the best epoch's values back.
 * What differs between models (data, row orders, objective, what is held out) is the {@link Trainee}'s.
 */
public final class TrainingLoop {
    private TrainingLoop() {}

    /** Per-member losses and MSEs of an epoch, and the per-slice scores early stopping compares. */
    public record Scores(double[] loss, double[] mse, double[] score) {
        /** One number for the whole model. */
        public static Scores of(double loss, double mse, double score) {
            return new Scores(new double[] {loss}, new double[] {mse}, new double[] {score});
        }
    }

    /** The part a trainer plugs in. */
    public interface Trainee {
        /** One pass over the training rows in minibatches (the trainee draws its own row order). */
        Scores trainEpoch(int epoch);

        /** The held-out scores after {@code epoch}; called only when early stopping has a holdout. */
        Scores holdout(int epoch);

        /** What the score is, for the divergence message (e.g. "MSE"). */
        default String scoreName() { return "loss"; }

        /** The error for a non-finite loss or score: names the epoch and says what to try. */
        default ComputationException diverged(int epoch, String why) {
            return new ComputationException("training diverged at epoch " + epoch + ": " + why);
        }

        /** The numbers reported after each epoch ({@link ProgressListener#metrics}). */
        default Map<String, Object> metrics(EpochRecord r, EarlyStopping stop) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", r.epoch());
            m.put("train_loss", mean(r.trainLoss()));
            if (stop.holdout()) m.put("holdout_loss", mean(r.holdoutLoss()));
            m.put("best", min(stop.best()));
            return m;
        }

        /** Called after each epoch's bookkeeping (checkpoints, per-epoch extras); nothing by default. */
        default void epochDone(EpochRecord r, EarlyStopping stop, boolean improved) {}
    }

    /**
     * Runs epochs {@code startEpoch + 1 .. maxEpochs} until early stopping ends them, appending to
     * {@code log} (which may hold a resumed run's earlier epochs), then restores the best values.
     */
    public static List<EpochRecord> run(String task, Trainee t, EarlyStopping stop, int startEpoch, int maxEpochs,
                                        List<EpochRecord> log, ProgressListener progress) {
        List<EpochRecord> out = new ArrayList<>(log);
        progress.start(task, maxEpochs);
        progress.advance(startEpoch);
        for (int epoch = startEpoch + 1; epoch <= maxEpochs && !stop.stopped(); epoch++) {
            long t0 = System.nanoTime();
            Scores train = t.trainEpoch(epoch);
            Scores held = stop.holdout() ? t.holdout(epoch) : null;
            if (held != null) {
                for (int s = 0; s < held.score().length; s++) {
                    if (!Double.isFinite(held.score()[s])) {
                        throw t.diverged(epoch, "holdout " + t.scoreName() + (held.score().length > 1 ? " of member " + s : "")
                                + " is " + held.score()[s]);
                    }
                }
            }
            boolean improved = stop.update(held == null ? null : held.score(), train.score());
            int members = train.loss().length;
            EpochRecord rec = new EpochRecord(epoch, train.loss(), train.mse(),
                    held == null ? nan(members) : held.loss(), held == null ? nan(members) : held.mse(), (System.nanoTime() - t0) / 1e9);
            out.add(rec);
            progress.advance(epoch);
            progress.metrics("epoch", t.metrics(rec, stop));
            t.epochDone(rec, stop, improved);
        }
        progress.finish();
        stop.restore();
        return List.copyOf(out);
    }

    static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    public static double mean(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s / a.length;
    }

    public static double min(double[] a) {
        double s = Double.POSITIVE_INFINITY;
        for (double v : a) s = Math.min(s, v);
        return s;
    }
}
