package dev.valuekit.rollout;

/**
 * @param episodes  how many episodes to generate
 * @param seed      seeds resets and the policy; same seed, same transitions
 * @param batchRows rows per emitted batch
 */
public record RolloutOptions(int episodes, long seed, int batchRows) {
    public RolloutOptions {
        if (episodes < 0) throw new IllegalArgumentException("episodes < 0");
        if (batchRows < 1) throw new IllegalArgumentException("batchRows < 1");
    }
}
