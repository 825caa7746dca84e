package dev.valuekit.rollout;

import dev.valuekit.policy.Policy;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.env.Environment;
import dev.valuekit.env.Step;
import dev.valuekit.table.Schema;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Generates whole episodes in a built-in environment: reset, then act and step until the state is
 * terminal or the time limit is reached (truncated; terminated wins when both happen on the last
 * step). Episode e draws from the e-th split of {@code new SplittableRandom(seed)}, so the output
 * is a function of the seed alone.
 */
public final class RolloutEngine {
    private RolloutEngine() {}

    /** The schema of the batches {@link #run} writes. */
    public static Schema schema(Environment env) {
        return TransitionBatchBuilder.schema(env.obsDim(), env.actionSpace().dim());
    }

    public static RolloutSummary run(Environment env, Policy policy, RolloutOptions options, BatchSink sink,
                                     ProgressListener progress) throws IOException {
        TransitionBatchBuilder batch = new TransitionBatchBuilder(env.obsDim(), env.actionSpace().dim(), options.batchRows(), "env");
        SplittableRandom root = new SplittableRandom(options.seed());
        for (long skip = 0; skip < options.firstEpisode(); skip++) root.split();   // episode e's stream is root's e-th split
        long transitions = 0;
        long terminatedEpisodes = 0;
        double sumReturn = 0;
        double minReturn = Double.POSITIVE_INFINITY;
        double maxReturn = Double.NEGATIVE_INFINITY;
        progress.start("rollout " + env.name() + " (" + policy.spec() + ")", options.episodes());
        for (int e = 0; e < options.episodes(); e++) {
            SplittableRandom rng = root.split();
            double[] state = env.reset(rng);
            double[] obs = env.observe(state);
            double ret = 0;
            for (int t = 0; ; t++) {
                double[] action = policy.act(obs, rng);
                Step step = env.step(state, action);
                double[] next = env.observe(step.state());
                boolean truncated = !step.terminated() && t + 1 >= env.maxEpisodeSteps();
                batch.add(options.firstEpisode() + e, t, obs, action, step.reward(), next, step.terminated(), truncated);
                if (batch.isFull()) sink.write(batch.take());
                ret += step.reward();
                transitions++;
                state = step.state();
                obs = next;
                if (step.terminated() || truncated) {
                    if (step.terminated()) terminatedEpisodes++;
                    break;
                }
            }
            sumReturn += ret;
            minReturn = Math.min(minReturn, ret);
            maxReturn = Math.max(maxReturn, ret);
            progress.advance(e + 1);
        }
        if (!batch.isEmpty()) sink.write(batch.take());
        progress.finish();
        int n = options.episodes();
        return new RolloutSummary(n, transitions, terminatedEpisodes, n == 0 ? Double.NaN : sumReturn / n,
                n == 0 ? Double.NaN : minReturn, n == 0 ? Double.NaN : maxReturn);
    }
}
