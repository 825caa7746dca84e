package dev.valuekit.spark;

import java.util.Set;

/** {@code rollout}: whole episodes in a built-in environment, or k-step rollouts from start states (--start). */
final class RolloutJob implements SparkJob {
    private final SparkJob episodes = new EnvRolloutJob();

    @Override
    public Set<String> options() {
        return episodes.options();
    }

    @Override
    public int run(JobContext job) throws Exception {
        return episodes.run(job);
    }
}
