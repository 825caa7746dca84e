package dev.valuekit.rollout;

/** What a k-step rollout from start states produced. */
public record BranchedRolloutSummary(long starts, long transitions, long terminated, long halted, double meanReward,
                                  double meanUncertainty, double seconds) {
    public double transitionsPerSecond() { return seconds > 0 ? transitions / seconds : Double.NaN; }

    /** The summary as the log's metrics line; {@code halted} only when halting was on. */
    public java.util.Map<String, Object> metrics(boolean halting) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("starts", starts);
        m.put("transitions", transitions);
        m.put("terminated", terminated);
        if (halting) m.put("halted", halted);
        m.put("mean_reward", meanReward);
        m.put("mean_uncertainty", meanUncertainty);
        m.put("transitions_per_s", Math.round(transitionsPerSecond()));
        return m;
    }
}
