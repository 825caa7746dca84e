package dev.valuekit.env;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Gymnasium's Pendulum-v1. State (θ, θ̇) in float64 with θ unwrapped; observation (cos θ, sin θ, θ̇)
 * as float32. The torque is clipped as a float32 array and then enters float64 scalar arithmetic:
 * NumPy 1.x promotion, with which the shared Gymnasium recordings were made (NumPy 2 would keep
 * {@code 0.001 * u**2} and {@code 3/(m l²) * u} in float32, a difference below 1e-7).
 */
public final class Pendulum implements Environment {
    static final List<EnvParameter> PARAMETERS = List.of(
            new EnvParameter("g", 10.0, false, "gravity, m/s²"),
            new EnvParameter("m", 1.0, true, "mass, kg"),
            new EnvParameter("l", 1.0, true, "length, m"),
            new EnvParameter("max_speed", 8.0, true, "angular velocity bound, rad/s"),
            new EnvParameter("max_torque", 2.0, true, "torque bound, N m"),
            new EnvParameter("dt", 0.05, true, "time step, s"));

    private final Map<String, Double> params;
    private final double g, m, l, maxSpeed, dt;
    private final float maxTorque;
    private final ActionSpace actions;

    Pendulum(Map<String, Double> p) {
        this.params = p;
        this.g = p.get("g");
        this.m = p.get("m");
        this.l = p.get("l");
        this.maxSpeed = p.get("max_speed");
        this.maxTorque = (float) (double) p.get("max_torque");
        this.dt = p.get("dt");
        this.actions = ActionSpace.box(new double[] {-maxTorque}, new double[] {maxTorque});
    }

    @Override public String name() { return "pendulum"; }
    @Override public String gymId() { return "Pendulum-v1"; }
    @Override public int obsDim() { return 3; }
    @Override public ActionSpace actionSpace() { return actions; }
    @Override public int maxEpisodeSteps() { return 200; }
    @Override public Map<String, Double> parameters() { return params; }

    @Override public double[] reset(RandomGenerator rng) {
        return new double[] {Uniform.draw(rng, -Math.PI, Math.PI), Uniform.draw(rng, -1.0, 1.0)};
    }

    @Override public Step step(double[] s, double[] action) {
        double th = s[0];
        double thdot = s[1];
        float u = Math.min(Math.max((float) action[0], -maxTorque), maxTorque);
        double an = angleNormalize(th);
        double ud = u;
        double costs = an * an + 0.1 * (thdot * thdot) + 0.001 * (ud * ud);
        double newthdot = thdot + (3 * g / (2 * l) * StrictMath.sin(th) + 3.0 / (m * (l * l)) * ud) * dt;
        newthdot = Math.min(Math.max(newthdot, -maxSpeed), maxSpeed);
        double newth = th + newthdot * dt;
        return new Step(new double[] {newth, newthdot}, -costs, false);
    }

    /** ((x + π) mod 2π) − π with Python's floor modulo (result takes the divisor's sign). */
    static double angleNormalize(double x) {
        return FloorMod.of(x + Math.PI, 2 * Math.PI) - Math.PI;
    }

    @Override public double[] observe(double[] s) {
        return new double[] {(float) StrictMath.cos(s[0]), (float) StrictMath.sin(s[0]), (float) s[1]};
    }

    @Override public double[] stateFromObs(double[] obs) {
        return new double[] {StrictMath.atan2(obs[1], obs[0]), obs[2]};
    }
}
