package dev.valuekit.rollout;

/** What a k-step rollout from start states produced. */
public record ModelRolloutSummary(long starts, long transitions, long terminated, long halted, double meanReward,
                                  double meanUncertainty, double seconds) {
    public double transitionsPerSecond() { return seconds > 0 ? transitions / seconds : Double.NaN; }
}
