package dev.valuekit.dynamics;

import dev.valuekit.env.ActionSpace;

import dev.valuekit.env.Environment;
import dev.valuekit.env.Step;

import java.util.random.RandomGenerator;

/**
 * A built-in environment as a dynamics model: each row's state is recovered from its observation
 * ({@link Environment#stateFromObs}), stepped, and observed again.
 */
public final class EnvDynamics implements DynamicsModel {
    private final Environment env;

    public EnvDynamics(Environment env) { this.env = env; }

    public Environment environment() { return env; }

    @Override public String name() { return "env:" + env.name(); }
    @Override public int obsDim() { return env.obsDim(); }
    @Override public int actDim() { return env.actionSpace().dim(); }

    @Override public ActionSpace actionSpace() { return env.actionSpace(); }
    @Override public boolean isSimulator() { return true; }

    @Override
    public Prediction predict(double[][] obs, double[][] act, RandomGenerator rng) {
        int n = obs.length;
        double[][] next = new double[n][];
        double[] reward = new double[n];
        boolean[] terminated = new boolean[n];
        for (int i = 0; i < n; i++) {
            String why = env.actionSpace().invalidReason(act[i]);
            if (why != null) {
                throw new InvalidRowException(why, i, 0, env.name() + " takes actions " + env.actionSpace().describe());
            }
            Step s = env.step(env.stateFromObs(obs[i]), act[i]);
            next[i] = env.observe(s.state());
            reward[i] = s.reward();
            terminated[i] = s.terminated();
        }
        return new Prediction(next, reward, terminated);
    }
}
