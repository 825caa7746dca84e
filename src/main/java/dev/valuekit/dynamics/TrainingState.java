package dev.valuekit.dynamics;

import dev.valuekit.fit.EpochRecord;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to continue training after {@code epoch} epochs: the optimiser's step count and
 * moments (parameter values live in the network), each member's best holdout MSE and best weights,
 * the epochs since the last improvement and the log so far.
 */
public record TrainingState(int epoch, long adamSteps, Map<String, double[][]> adamMoments, double[] bestMse,
                            Map<String, double[]> bestValues, int sinceImprovement, List<EpochRecord> log) {}
