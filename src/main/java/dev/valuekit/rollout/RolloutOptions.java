package dev.valuekit.rollout;

import dev.valuekit.common.BadInputException;

/**
 * @param episodes     how many episodes to generate
 * @param seed         seeds resets and the policy; same seed, same transitions
 * @param batchRows    rows per emitted batch
 * @param firstEpisode index of the first episode: episodes [first, first + episodes) of the seed's sequence,
 *                     numbered as in one run of all of them, so a range split over tasks gives the same rows
 */
public record RolloutOptions(int episodes, long seed, int batchRows, long firstEpisode) {
    public static final int DEFAULT_BATCH_ROWS = dev.valuekit.table.ReadOptions.DEFAULT_BATCH_SIZE;

    public RolloutOptions {
        if (episodes < 0) throw new BadInputException("--episodes must not be negative, got " + episodes, "e.g. --episodes 10");
        if (batchRows < 1) throw new IllegalArgumentException("batchRows < 1");
        if (firstEpisode < 0) throw new IllegalArgumentException("firstEpisode < 0");
    }

    public RolloutOptions(int episodes, long seed, int batchRows) { this(episodes, seed, batchRows, 0); }

    public RolloutOptions(int episodes, long seed) { this(episodes, seed, DEFAULT_BATCH_ROWS, 0); }
}
