package dev.valuekit.evaluate;

import dev.valuekit.table.Transitions;
import dev.valuekit.env.Environment;
import dev.valuekit.env.Step;
import dev.valuekit.value.ActionSource;
import dev.valuekit.value.FittedValue;

import java.util.SplittableRandom;

/**
 * Runs a policy for whole episodes in a built-in environment, all episodes in lockstep so the policy
 * sees one batch per step. Episode e resets from the e-th split of {@code new SplittableRandom(seed)}
 * (or starts at the e-th given observation); the policy samples from one generator derived from the seed.
 * The return is summed up to the time limit or termination; with a Q model each episode also runs on to
 * {@code discountSteps} steps (ignoring the time limit, stopping at termination) for its discounted return.
 */
public final class PolicyEvaluator {
    private PolicyEvaluator() {}

    public static PolicyReport evaluate(Environment env, ActionSource policy, String policyName, int episodes, long seed,
                                        double[][] startObs, FittedValue q, int discountSteps) {
        int d = env.obsDim(), k = env.actionSpace().dim();
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom actRng = root.split();
        double[][] state = new double[episodes][];
        for (int e = 0; e < episodes; e++) {
            SplittableRandom r = root.split();
            state[e] = startObs == null ? env.reset(r) : env.stateFromObs(startObs[e % startObs.length]);
        }
        double gamma = q == null ? 1 : q.gamma();
        int horizon = q == null ? env.maxEpisodeSteps() : Math.max(env.maxEpisodeSteps(), discountSteps);
        double[] ret = new double[episodes], disc = new double[episodes], q0 = null;
        boolean[] done = new boolean[episodes];
        double[] obs = new double[episodes * d];
        for (int e = 0; e < episodes; e++) System.arraycopy(env.observe(state[e]), 0, obs, e * d, d);
        for (int t = 0; t < horizon; t++) {
            double[] a = policy.actions(obs, episodes, actRng);
            if (t == 0 && q != null) q0 = q.value(Transitions.concatRows(obs, a, episodes), episodes);
            double w = Math.pow(gamma, t);
            boolean any = false;
            for (int e = 0; e < episodes; e++) {
                if (done[e]) continue;
                Step s = env.step(state[e], java.util.Arrays.copyOfRange(a, e * k, (e + 1) * k));
                if (t < env.maxEpisodeSteps()) ret[e] += s.reward();
                if (t < discountSteps) disc[e] += w * s.reward();
                state[e] = s.state();
                System.arraycopy(env.observe(s.state()), 0, obs, e * d, d);
                done[e] = s.terminated();
                any |= !done[e];
            }
            if (!any) break;
        }
        return new PolicyReport(policyName, env.name(), ret, q == null ? null : disc, q0, gamma, discountSteps);
    }
}
