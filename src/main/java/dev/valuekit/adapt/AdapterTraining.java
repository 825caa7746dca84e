package dev.valuekit.adapt;

import dev.valuekit.common.ComputationException;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.fit.BatchPlan;
import dev.valuekit.fit.EarlyStopping;
import dev.valuekit.fit.EpochRecord;
import dev.valuekit.fit.TrainingLoop;
import dev.valuekit.tensor.Adam;
import dev.valuekit.tensor.AdamOptions;
import dev.valuekit.tensor.Param;
import dev.valuekit.tensor.Params;

import java.util.List;

/**
 * What every adapter objective shares around {@link TrainingLoop}: AdamW on the trained factors with the
 * weight-decay schedule, full minibatches only (one buffer shape), early stopping on one held-out score
 * for the whole model with a relative threshold of 1e-4 starting from the base's own score (so an
 * adaptation that never helps leaves the factors as initialised), and the {@link FitResult}.
 */
abstract class AdapterTraining implements TrainingLoop.Trainee {
    static final double IMPROVEMENT = 1e-4;

    final AdapterBinding binding;
    final AdaptFitOptions o;
    final BatchPlan plan;
    private final Adam adam;
    private final long total;
    private long step;

    AdapterTraining(AdapterBinding binding, AdaptFitOptions o, int trainRows) {
        this.binding = binding;
        this.o = o;
        this.plan = new BatchPlan(trainRows, Math.min(o.batch(), trainRows), true);
        this.adam = new Adam(binding.trained(), AdamOptions.adamW(o.learningRate()));
        this.total = (long) plan.count() * o.epochs();
    }

    /** After a minibatch's backward pass: chain into the factors, decay on schedule, one Adam step. */
    void update() {
        binding.backward();
        double wd = o.weightDecay(step++, total);
        for (Param p : binding.trained().list()) p.weightDecay(wd);
        adam.step();
    }

    /** The decoupled weight decay the next step will use. */
    double weightDecayNow() { return o.weightDecay(step, total); }

    @Override public String scoreName() { return "MSE"; }

    @Override
    public ComputationException diverged(int epoch, String why) {
        return new ComputationException("adaptation diverged at epoch " + epoch + ": " + why + "; lower --lr or --lora-alpha");
    }

    /**
     * Trains from the materialised base to the best epoch.
     *
     * @param baseScore the held-out score before adaptation (NaN without a holdout)
     * @param metric    the score's name in the result ({@code mse}, {@code ziln_loss})
     */
    FitResult run(String rowsWhat, int holdoutRows, double baseScore, Params all, String metric, ProgressListener progress) {
        Params trained = binding.trained();
        boolean holdout = holdoutRows > 0;
        EarlyStopping stop = new EarlyStopping(trained.list(), 1, holdout, new double[] {baseScore}, IMPROVEMENT, o.patience());
        List<EpochRecord> log = TrainingLoop.run("svd-adapt fit: " + trained.trainableCount() + " trainable parameters on "
                + plan.rows() + " " + rowsWhat, this, stop, 0, o.epochs(), List.of(), progress);
        binding.materialize();
        return new FitResult(binding.matrices(), all, log, plan.rows(), holdoutRows, baseScore, stop.best()[0], stop.stopped(),
                trained.trainableCount(), metric);
    }
}
