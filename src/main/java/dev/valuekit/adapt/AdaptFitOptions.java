package dev.valuekit.adapt;

import java.util.List;

/**
 * How {@code svd-adapt fit} trains. {@code adapter} is null for full fine-tuning (every weight and
 * bias of the selected layers trains, same optimiser). AdamW with constant learning rate and weight
 * decay cosine-annealed from {@code wdStart} to {@code wdEnd} over the maximum number of steps
 * (SoMA's schedule: 0.05 → 1e-5); early stopping on the holdout's mean MSE (patience in epochs, the
 * best epoch's factors are kept), as train-model does.
 */
public record AdaptFitOptions(AdapterOptions adapter, List<String> layers, List<String> freeze, double learningRate, int epochs,
                         int batch, double holdout, int patience, double wdStart, double wdEnd, long seed) {
    public boolean full() { return adapter == null; }

    /** Cosine annealing: wdStart at step 0, wdEnd at step {@code total}. */
    public double weightDecay(long step, long total) {
        double t = total <= 0 ? 1 : Math.min(1.0, (double) step / total);
        return wdEnd + 0.5 * (wdStart - wdEnd) * (1 + Math.cos(Math.PI * t));
    }
}
