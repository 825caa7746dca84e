package dev.valuekit.spark;

import dev.valuekit.common.BadInputException;
import dev.valuekit.dynamics.DynamicsModels;
import dev.valuekit.env.Environment;
import dev.valuekit.env.Environments;
import dev.valuekit.policy.Policy;
import dev.valuekit.rollout.RolloutEngine;
import dev.valuekit.rollout.RolloutOptions;
import dev.valuekit.rollout.RolloutSummary;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Precision;
import dev.valuekit.value.ArtifactPolicies;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * {@code rollout --env NAME --episodes N} on Spark: the episodes are cut into contiguous ranges, one per
 * task; episode e draws from the e-th split of the seed's generator whichever task runs it
 * ({@link RolloutOptions#firstEpisode}), so part k holds exactly the rows the single-machine run writes
 * for its episodes and the parts in order are that run's table, whatever the number of tasks.
 */
final class EnvRolloutJob implements SparkJob {
    @Override
    public Set<String> options() {
        return Set.of("--env", "--model", "--env-param", "--episodes", "--policy", "--policy-sample", "--q", "--seed",
                "--output", "--format");
    }

    /** Everything a task needs to rebuild the environment and the policy. */
    private record Task(String env, HashMap<String, Double> params, String policy, String q, boolean sample, long seed)
            implements Serializable {
        Environment environment() { return Environments.create(env, params); }

        Policy policy(Environment e) {
            if (policy.trim().endsWith(".safetensors") || policy.trim().startsWith("best-of:")) {
                Nd4jRuntime.configure(Precision.F32, 1);   // one BLAS thread per task
            }
            return ArtifactPolicies.parse(policy, q == null ? null : Path.of(q), sample, e.actionSpace(), e.name(), e.obsDim());
        }
    }

    @Override
    public int run(JobContext job) throws Exception {
        String model = job.option("--model");
        if (model != null && !model.startsWith(DynamicsModels.ENV_PREFIX)) {
            throw new BadInputException("a model file rolls out from start states, but no --start was given",
                    "add --start DATA (a table whose obs_* rows are the start states)");
        }
        Map<String, Double> params = job.option("--env-param");
        Path q = job.option("--q");
        int episodes = job.option("--episodes");
        long seed = job.option("--seed");
        Task task = new Task(DynamicsModels.environmentName(job.option("--env"), model), new HashMap<>(params), job.option("--policy"),
                q == null ? null : q.toString(), job.option("--policy-sample"), seed);
        new RolloutOptions(episodes, seed);   // the CLI's checks
        Environment environment = task.environment();
        Policy policy = task.policy(environment);   // bad specs and policy files fail here, on the driver
        PartitionedOutput out = PartitionedOutput.open(job.output());
        try {
            JavaSparkContext sc = job.context();
            int tasks = Math.max(1, Math.min(episodes, sc.defaultParallelism()));
            List<double[]> parts = sc.parallelize(IntStream.range(0, tasks).boxed().toList(), tasks)
                    .map(k -> episodes(task, k, tasks, episodes, out)).collect();
            out.commit();
            job.log().metrics("rollout " + environment.gymId() + " " + policy.spec(), merge(parts).metrics());
            return 0;
        } finally {
            out.abort();
        }
    }

    /** Task k of n: episodes [k·N/n, (k+1)·N/n) of the seed's sequence, written as part k. */
    private static double[] episodes(Task task, int k, int n, int total, PartitionedOutput out) throws Exception {
        long first = (long) total * k / n, end = (long) total * (k + 1) / n;
        Environment e = task.environment();
        try (var w = out.part(k, RolloutEngine.schema(e))) {
            RolloutSummary s = RolloutEngine.run(e, task.policy(e),
                    new RolloutOptions((int) (end - first), task.seed(), RolloutOptions.DEFAULT_BATCH_ROWS, first), w::write,
                    dev.valuekit.common.ProgressListener.NONE);
            w.finish();
            // RolloutSummary is not Serializable: its numbers travel back as an array
            return new double[]{s.episodes(), s.transitions(), s.terminatedEpisodes(), s.meanReturn(), s.minReturn(), s.maxReturn()};
        }
    }

    /** The whole run's summary from the tasks' (returns summed in task order). */
    static RolloutSummary merge(List<double[]> parts) {
        long episodes = 0, transitions = 0, terminated = 0;
        double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double[] p : parts) {
            if (p[0] == 0) continue;
            episodes += (long) p[0];
            transitions += (long) p[1];
            terminated += (long) p[2];
            sum += p[3] * p[0];
            min = Math.min(min, p[4]);
            max = Math.max(max, p[5]);
        }
        return new RolloutSummary(episodes, transitions, terminated, episodes == 0 ? Double.NaN : sum / episodes,
                episodes == 0 ? Double.NaN : min, episodes == 0 ? Double.NaN : max);
    }
}
