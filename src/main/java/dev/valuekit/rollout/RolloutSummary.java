package dev.valuekit.rollout;

/** What a rollout produced: counts and episode returns. */
public record RolloutSummary(long episodes, long transitions, long terminatedEpisodes,
                             double meanReturn, double minReturn, double maxReturn) {
    /** The summary as the log's metrics line. */
    public java.util.Map<String, Object> metrics() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("episodes", episodes);
        m.put("transitions", transitions);
        m.put("terminated_episodes", terminatedEpisodes);
        m.put("mean_return", meanReturn);
        m.put("min_return", minReturn);
        m.put("max_return", maxReturn);
        return m;
    }
}
