package dev.valuekit.rollout;

import dev.valuekit.common.BadInputException;

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
public record BranchedRolloutOptions(int starts, int horizon, long seed, Penalty penalty, double penaltyCoef,
                                  double haltThreshold, int chunkRows) {
    public static final int DEFAULT_CHUNK_ROWS = 8192;

    public BranchedRolloutOptions {
        if (horizon < 1) throw new BadInputException("--horizon must be at least 1, got " + horizon, "e.g. --horizon 5");
        if (starts < 0) throw new BadInputException("--starts must not be negative, got " + starts, "e.g. --starts 1000");
        if (!Double.isFinite(penaltyCoef)) throw new BadInputException("--penalty-coef must be finite", "e.g. --penalty-coef 1");
        if (!Double.isNaN(haltThreshold) && !(haltThreshold >= 0)) {
            throw new BadInputException("--halt-threshold must be a number >= 0, got " + haltThreshold, "e.g. --halt-threshold 0.5");
        }
        if (chunkRows < 1) throw new IllegalArgumentException("chunkRows < 1");
    }

    /** The defaults of the command line: 1000 starts, horizon 5, no penalty (coefficient 1), no halting. */
    public BranchedRolloutOptions(long seed) { this(1000, 5, seed, null, 1.0, Double.NaN, DEFAULT_CHUNK_ROWS); }

    public boolean halting() { return !Double.isNaN(haltThreshold); }
}
