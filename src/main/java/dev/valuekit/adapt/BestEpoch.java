package dev.valuekit.adapt;

import dev.valuekit.common.ComputationException;
import dev.valuekit.tensor.Param;
import dev.valuekit.tensor.Params;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Early stopping shared by every adapter objective: remembers the trained parameters of the epoch with
 * the best held-out score (lower is better), stops after {@code patience} epochs without a relative
 * improvement above 1e-4, and without a holdout simply keeps the last epoch. Starting from the base's
 * own held-out score means an adaptation that never helps leaves the factors as initialised.
 */
final class BestEpoch {
    private final Params trained;
    private final boolean holdout;
    private final int patience;
    private final String score;
    private double best;
    private Map<String, double[]> values;
    private int since;
    private boolean stopped;

    /**
     * @param baseScore the held-out score before training (ignored without a holdout)
     * @param score     what the score is, for the divergence message (e.g. "MSE")
     */
    BestEpoch(Params trained, boolean holdout, double baseScore, int patience, String score) {
        this.trained = trained;
        this.holdout = holdout;
        this.patience = patience;
        this.score = score;
        this.best = holdout ? baseScore : Double.POSITIVE_INFINITY;
        this.values = snapshot();
    }

    /** Records an epoch: its held-out score (NaN without a holdout) and its training score. */
    void update(int epoch, double heldOut, double train) {
        boolean improved = true;
        if (holdout) {
            if (!Double.isFinite(heldOut)) {
                throw new ComputationException("adaptation diverged at epoch " + epoch + ": holdout " + score + " is " + heldOut);
            }
            improved = (best - heldOut) / Math.abs(best) > 1e-4;
            if (improved) best = heldOut;
        } else {
            best = train;
        }
        if (improved) values = snapshot();
        since = improved ? 0 : since + 1;
        stopped = holdout && since >= patience;
    }

    double best() { return best; }

    boolean stopped() { return stopped; }

    /** Puts the best epoch's values back into the trained parameters. */
    void restore() {
        for (Param p : trained.list()) p.set(values.get(p.name()));
    }

    private Map<String, double[]> snapshot() {
        Map<String, double[]> v = new LinkedHashMap<>();
        for (Param q : trained.list()) v.put(q.name(), q.toDoubleArray());
        return v;
    }
}
