package dev.valuekit.rollout;

/**
 * @param starts        start states drawn (with replacement, seeded) from the start table
 * @param horizon       steps per rollout
 * @param penalty       how uncertainty is measured; null = mopo-aleatoric for probabilistic models,
 *                      ensemble-std for deterministic ones, and no penalized_reward column
 * @param penaltyCoef   λ in penalized_reward = reward − λ·uncertainty
 * @param haltThreshold MOReL-style halting: a row whose uncertainty exceeds it ends (terminated, halted);
 *                      NaN = never
 * @param chunkRows     start states advanced together (bounds memory; each step of a chunk is one output batch)
 */
public record ModelRolloutOptions(int starts, int horizon, long seed, Penalty penalty, double penaltyCoef,
                                  double haltThreshold, int chunkRows) {
    public ModelRolloutOptions {
        if (starts < 0 || horizon < 1 || chunkRows < 1) throw new IllegalArgumentException("bad rollout sizes");
    }

    public boolean halting() { return !Double.isNaN(haltThreshold); }
}
