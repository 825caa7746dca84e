package dev.valuekit.env;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * valuekit's illustrative edge-of-reach task, after the simple environment of Sims et al. (2024, "The
 * Edge-of-Reach Problem in Offline Model-Based RL", section 4): a point on a bounded 2-D plane that moves
 * by its (clipped) action, with a reward that depends only on where it lands. Their exact constants are not
 * published with their code, so these are ours; what carries over is the structure: deterministic,
 * known dynamics, a state space far larger than the region the recorded data covers, and a goal near the
 * data's border, so that k-step rollouts from data states end in a band of states outside the data
 * ("edge of reach") whose values are never trained.
 *
 * <p>State = observation = (x, y) as float32. Action (ax, ay) ∈ [-1, 1]² (clipped). Step:
 * {@code p' = clip(p + step_size * a, -size, size)} per coordinate, rounded to float32; reward
 * {@code -|p' - goal|} (Euclidean); never terminates; time limit {@code time_limit} steps. Reset: uniform
 * on the square [-start_size, start_size]².
 */
public final class Point2D implements Environment {
    static final List<EnvParameter> PARAMETERS = List.of(
            new EnvParameter("size", 4.0, true, "half-width of the plane: positions are clipped to [-size, size]"),
            new EnvParameter("step_size", 0.2, true, "distance moved per unit action and coordinate"),
            new EnvParameter("start_size", 1.0, true, "half-width of the reset square"),
            new EnvParameter("goal_x", 1.5, false, "goal x"),
            new EnvParameter("goal_y", 0.0, false, "goal y"),
            new EnvParameter("time_limit", 50.0, true, "steps per episode"));

    private final Map<String, Double> params;
    private final double size, stepSize, startSize, goalX, goalY;
    private final int timeLimit;
    private final ActionSpace actions = ActionSpace.box(new double[] {-1, -1}, new double[] {1, 1});

    Point2D(Map<String, Double> p) {
        this.params = p;
        this.size = p.get("size");
        this.stepSize = p.get("step_size");
        this.startSize = p.get("start_size");
        this.goalX = p.get("goal_x");
        this.goalY = p.get("goal_y");
        this.timeLimit = (int) Math.max(1, Math.round(p.get("time_limit")));
    }

    @Override public String name() { return "point2d"; }
    @Override public String gymId() { return "valuekit/Point2D-v0"; }
    @Override public int obsDim() { return 2; }
    @Override public ActionSpace actionSpace() { return actions; }
    @Override public int maxEpisodeSteps() { return timeLimit; }
    @Override public Map<String, Double> parameters() { return params; }

    @Override public double[] reset(RandomGenerator rng) {
        return new double[] {(float) Uniform.draw(rng, -startSize, startSize), (float) Uniform.draw(rng, -startSize, startSize)};
    }

    @Override public Step step(double[] s, double[] action) {
        double x = move(s[0], action[0]), y = move(s[1], action[1]);
        double reward = -Math.hypot(x - goalX, y - goalY);
        return new Step(new double[] {x, y}, reward, false);
    }

    private double move(double p, double a) {
        double u = Math.min(Math.max((float) a, -1.0), 1.0);
        return (float) Math.min(Math.max(p + stepSize * u, -size), size);
    }

    @Override public double[] observe(double[] s) {
        return new double[] {(float) s[0], (float) s[1]};
    }

    @Override public double[] stateFromObs(double[] obs) {
        return obs.clone();
    }
}
