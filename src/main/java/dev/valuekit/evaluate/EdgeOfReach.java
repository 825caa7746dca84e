package dev.valuekit.evaluate;

import dev.valuekit.dynamics.DynamicsModel;
import dev.valuekit.dynamics.Prediction;
import dev.valuekit.env.Environment;
import dev.valuekit.value.ActorPolicy;
import dev.valuekit.value.FittedValue;
import dev.valuekit.table.Transitions;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * An agent's Q on the states its own training rollouts visit, split by reach: the rollouts' start states
 * (data states), final states still inside what the critics are trained on, and final states at the edge of
 * reach ({@link ReachSplit}). The rollouts are the ones fit-value's model-based SAC makes: {@code rollouts}
 * data states drawn with replacement, {@code horizon} steps through {@code model} with actions sampled from
 * the agent's actor. On each state Q is the agent's aggregated Q at its mean action, compared with the
 * realised discounted return of that mean policy from the state in the true environment
 * ({@link PolicyEvaluator}, {@code discountSteps} steps).
 */
public final class EdgeOfReach {
    /** One group of states: how many, mean Q, mean realised discounted return, and their difference. */
    public record Group(int count, double meanQ, double meanReturn) {
        public double bias() { return meanQ - meanReturn; }
    }

    public record Report(int horizon, int rollouts, double radius, int finals, Group data, Group reached, Group edge) {}

    private EdgeOfReach() {}

    public static Report evaluate(FittedValue agent, Transitions data, DynamicsModel model, Environment env, int horizon,
                                  int rollouts, int discountSteps, long seed) {
        int d = data.obsDim(), k = data.actDim();
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] states = new double[horizon + 1][rollouts * d];
        boolean[][] alive = new boolean[horizon + 1][rollouts];
        for (int i = 0; i < rollouts; i++) System.arraycopy(data.obs(), rng.nextInt(data.rows()) * d, states[0], i * d, d);
        Arrays.fill(alive[0], true);
        for (int t = 0; t < horizon; t++) {
            double[] a = agent.actor().sample(states[t], rollouts, rng).action();
            double[][] o = new double[rollouts][], act = new double[rollouts][];
            for (int i = 0; i < rollouts; i++) {
                o[i] = Arrays.copyOfRange(states[t], i * d, (i + 1) * d);
                act[i] = Arrays.copyOfRange(a, i * k, (i + 1) * k);
            }
            Prediction p = model.predict(o, act, rng);
            for (int i = 0; i < rollouts; i++) {
                System.arraycopy(p.nextObs()[i], 0, states[t + 1], i * d, d);
                alive[t + 1][i] = alive[t][i] && !p.terminated()[i];
            }
        }
        ReachSplit split = new ReachSplit(data.obs(), data.rows(), d, states, alive, rng.nextLong());
        int edges = split.edges(), reached = split.finals() - edges;
        double[] reachedObs = new double[reached * d], edgeObs = new double[edges * d];
        for (int i = 0, r = 0, e = 0; i < rollouts; i++) {
            if (!alive[horizon][i]) continue;
            if (split.isEdge(i)) System.arraycopy(states[horizon], i * d, edgeObs, e++ * d, d);
            else System.arraycopy(states[horizon], i * d, reachedObs, r++ * d, d);
        }
        long evalSeed = rng.nextLong();
        return new Report(horizon, rollouts, split.radius(), split.finals(),
                group(agent, env, states[0], rollouts, d, discountSteps, evalSeed),
                group(agent, env, reachedObs, reached, d, discountSteps, evalSeed),
                group(agent, env, edgeObs, edges, d, discountSteps, evalSeed));
    }

    private static Group group(FittedValue agent, Environment env, double[] obs, int n, int d, int discountSteps, long seed) {
        if (n == 0) return new Group(0, Double.NaN, Double.NaN);
        double[][] starts = new double[n][];
        for (int i = 0; i < n; i++) starts[i] = Arrays.copyOfRange(obs, i * d, (i + 1) * d);
        PolicyReport r = PolicyEvaluator.evaluate(env, new ActorPolicy(agent.actor(), false, "agent"), "agent", n, seed, starts,
                agent, discountSteps);
        return new Group(n, Stats.mean(r.initialQ()), Stats.mean(r.discounted()));
    }
}
