package dev.valuekit.env;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Gymnasium's MountainCarContinuous-v0. Gymnasium stores this state as float32 (float64 straight
 * after reset) but steps it with scalar arithmetic, which NumPy 1.x — used for the shared
 * recordings, reproduced bit for bit — promotes to float64; the new state is then rounded to
 * float32. (NumPy 2 would compute {@code force * power} and the velocity update in float32: at most
 * one float32 ulp different.)
 */
public final class MountainCarContinuous implements Environment {
    static final List<EnvParameter> PARAMETERS = List.of(
            new EnvParameter("power", 0.0015, true, "force per unit action"),
            new EnvParameter("max_speed", 0.07, true, "velocity bound"),
            new EnvParameter("min_position", -1.2, false, "left wall"),
            new EnvParameter("max_position", 0.6, false, "right bound"),
            new EnvParameter("goal_position", 0.45, false, "position that ends the episode"),
            new EnvParameter("goal_velocity", 0.0, false, "minimum velocity at the goal"));

    private static final double MIN_ACTION = -1.0;
    private static final double MAX_ACTION = 1.0;

    private final Map<String, Double> params;
    private final double power, maxSpeed, minPosition, maxPosition, goalPosition, goalVelocity;
    private final ActionSpace actions = ActionSpace.box(new double[] {MIN_ACTION}, new double[] {MAX_ACTION});

    MountainCarContinuous(Map<String, Double> p) {
        this.params = p;
        this.power = p.get("power");
        this.maxSpeed = p.get("max_speed");
        this.minPosition = p.get("min_position");
        this.maxPosition = p.get("max_position");
        this.goalPosition = p.get("goal_position");
        this.goalVelocity = p.get("goal_velocity");
    }

    @Override public String name() { return "mountaincar"; }
    @Override public String gymId() { return "MountainCarContinuous-v0"; }
    @Override public int obsDim() { return 2; }
    @Override public ActionSpace actionSpace() { return actions; }
    @Override public int maxEpisodeSteps() { return 999; }
    @Override public Map<String, Double> parameters() { return params; }

    @Override public double[] reset(RandomGenerator rng) {
        return new double[] {Uniform.draw(rng, -0.6, -0.4), 0.0};
    }

    @Override public Step step(double[] s, double[] action) {
        double a = (float) action[0];
        double position = s[0];
        double velocity = s[1];
        double force = Math.min(Math.max(a, MIN_ACTION), MAX_ACTION);
        velocity += force * power - 0.0025 * StrictMath.cos(3 * position);
        if (velocity > maxSpeed) velocity = maxSpeed;
        if (velocity < -maxSpeed) velocity = -maxSpeed;
        position += velocity;
        if (position > maxPosition) position = maxPosition;
        if (position < minPosition) position = minPosition;
        if (position == minPosition && velocity < 0) velocity = 0;
        boolean terminated = position >= goalPosition && velocity >= goalVelocity;
        // The reward uses the raw (unclipped) action.
        double reward = (terminated ? 100.0 : 0.0) - a * a * 0.1;
        return new Step(new double[] {(float) position, (float) velocity}, reward, terminated);
    }

    @Override public double[] observe(double[] s) {
        return new double[] {(float) s[0], (float) s[1]};
    }

    @Override public double[] stateFromObs(double[] obs) {
        return obs.clone();
    }
}
