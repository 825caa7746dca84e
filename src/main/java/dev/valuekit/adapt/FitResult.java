package dev.valuekit.adapt;

import dev.valuekit.fit.EpochRecord;
import dev.valuekit.tensor.Params;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of {@code svd-adapt fit} for any objective.
 *
 * @param matrices       the adapted matrices (empty for full fine-tuning)
 * @param params         every parameter of the network, tuned weights materialised (what a full model file holds)
 * @param log            per epoch and member: train loss and MSE, holdout MSE (train-model's log columns)
 * @param baseHoldout    the early-stopping metric on the holdout before adaptation; NaN without a holdout
 * @param metric         that metric's name: {@code mse} (dynamics, value) or {@code ziln_loss} (CLTV)
 */
public record FitResult(List<AdaptedMatrix> matrices, Params params, List<EpochRecord> log, int trainRows, int holdoutRows,
                        double baseHoldout, double bestHoldout, boolean stoppedEarly, long trainableParameters, String metric) {
    public List<AdapterArtifact.Entry> entries() {
        List<AdapterArtifact.Entry> e = new ArrayList<>();
        for (AdaptedMatrix m : matrices) e.add(new AdapterArtifact.Entry(m.ref().key(), m.initial(), m.tuned()));
        return e;
    }
}
