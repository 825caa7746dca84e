package dev.valuekit.dynamics;

import dev.valuekit.env.Environment;

import java.util.Map;

/**
 * A built-in environment's termination rule applied to an observation, so a learned model can end
 * its rollouts exactly where the real environment would (MBPO's hand-written termination functions).
 * Every classic-control rule depends on the next state alone; the thresholds come from the
 * environment's parameters, so overridden constants are honoured.
 */
public final class TerminationRule {
    private final String envName;
    private final Map<String, Double> p;

    public TerminationRule(Environment env) {
        this.envName = env.name();
        this.p = env.parameters();
    }

    public String envName() { return envName; }

    public boolean isTerminal(double[] obs) {
        return switch (envName) {
            case "pendulum" -> false;
            case "mountaincar" -> obs[0] >= p.get("goal_position") && obs[1] >= p.get("goal_velocity");
            case "cartpole" -> Math.abs(obs[0]) > p.get("x_threshold") || Math.abs(obs[2]) > p.get("theta_threshold_radians");
            // obs = cos θ1, sin θ1, cos θ2, sin θ2, ...: −cos θ1 − cos(θ1 + θ2) > 1
            case "acrobot" -> -obs[0] - (obs[0] * obs[2] - obs[1] * obs[3]) > 1.0;
            default -> throw new IllegalArgumentException("no termination rule for environment " + envName);
        };
    }
}
