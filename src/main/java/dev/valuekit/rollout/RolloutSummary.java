package dev.valuekit.rollout;

/** What a rollout produced: counts and episode returns. */
public record RolloutSummary(long episodes, long transitions, long terminatedEpisodes,
                             double meanReturn, double minReturn, double maxReturn) {}
