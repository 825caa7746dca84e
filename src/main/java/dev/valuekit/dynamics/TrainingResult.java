package dev.valuekit.dynamics;

import dev.valuekit.fit.EpochRecord;
import dev.valuekit.fit.HoldoutSplit;
import java.util.List;

/**
 * A trained ensemble with the members' best weights restored, its elites (lowest holdout MSE first),
 * the split it was trained on and the per-epoch log.
 *
 * @param bestHoldoutMse each member's best holdout score: MSE, or the holdout VaGraM loss for {@code --loss vagram}
 * @param stoppedEarly whether early stopping ended training before the epoch limit
 */
public record TrainingResult(DynamicsNetwork network, int[] elites, HoldoutSplit split, List<EpochRecord> log,
                             double[] bestHoldoutMse, boolean stoppedEarly) {
    public int epochs() { return log.isEmpty() ? 0 : log.get(log.size() - 1).epoch(); }
}
