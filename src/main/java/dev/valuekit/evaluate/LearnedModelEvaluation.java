package dev.valuekit.evaluate;

import java.util.List;

/**
 * Evaluation of a learned dynamics model on transitions: per-output one-step metrics of the elites'
 * moment-matched mixture (mean of means; variance = mean of variances + variance of means), their
 * averages, the terminated error rate, and open-loop k-step errors.
 */
public record LearnedModelEvaluation(String model, String data, long rows, List<OutputMetrics> outputs,
                                     OutputMetrics overall, double terminatedErrorRate, List<KStepError> kSteps,
                                     String kStepNote) {}
