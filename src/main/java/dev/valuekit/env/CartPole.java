package dev.valuekit.env;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Gymnasium's CartPole-v1 (Euler integrator). State (x, ẋ, θ, θ̇) in float64, observation float32;
 * action 0 pushes left, 1 pushes right.
 *
 * <p>Reward is 1 per step including the terminating one. Gymnasium gives 0 for steps taken after
 * termination, which depends on a hidden counter; as a function of the state alone this class gives
 * the first-termination reward there (rollouts never step past termination).
 */
public final class CartPole implements Environment {
    static final List<EnvParameter> PARAMETERS = List.of(
            new EnvParameter("gravity", 9.8, false, "gravity, m/s²"),
            new EnvParameter("masscart", 1.0, true, "cart mass, kg"),
            new EnvParameter("masspole", 0.1, true, "pole mass, kg"),
            new EnvParameter("length", 0.5, true, "half the pole's length, m"),
            new EnvParameter("force_mag", 10.0, true, "push force, N"),
            new EnvParameter("tau", 0.02, true, "time step, s"),
            new EnvParameter("x_threshold", 2.4, true, "cart position that ends the episode"),
            new EnvParameter("theta_threshold_radians", 12 * 2 * Math.PI / 360, true, "pole angle that ends the episode"),
            new EnvParameter("sutton_barto_reward", 0.0, false, "1: reward 0 per step and -1 on failure"));

    private final Map<String, Double> params;
    private final double gravity, masspole, totalMass, length, polemassLength, forceMag, tau, xThreshold, thetaThreshold;
    private final boolean suttonBarto;
    private final ActionSpace actions = ActionSpace.discrete(2);

    CartPole(Map<String, Double> p) {
        this.params = p;
        this.gravity = p.get("gravity");
        this.masspole = p.get("masspole");
        this.totalMass = masspole + p.get("masscart");
        this.length = p.get("length");
        this.polemassLength = masspole * length;
        this.forceMag = p.get("force_mag");
        this.tau = p.get("tau");
        this.xThreshold = p.get("x_threshold");
        this.thetaThreshold = p.get("theta_threshold_radians");
        this.suttonBarto = p.get("sutton_barto_reward") != 0;
    }

    @Override public String name() { return "cartpole"; }
    @Override public String gymId() { return "CartPole-v1"; }
    @Override public int obsDim() { return 4; }
    @Override public ActionSpace actionSpace() { return actions; }
    @Override public int maxEpisodeSteps() { return 500; }
    @Override public Map<String, Double> parameters() { return params; }

    @Override public double[] reset(RandomGenerator rng) {
        double[] s = new double[4];
        for (int i = 0; i < 4; i++) s[i] = Uniform.draw(rng, -0.05, 0.05);
        return s;
    }

    @Override public Step step(double[] s, double[] action) {
        double x = s[0], xDot = s[1], theta = s[2], thetaDot = s[3];
        double force = action[0] == 1 ? forceMag : -forceMag;
        double costheta = StrictMath.cos(theta);
        double sintheta = StrictMath.sin(theta);
        double temp = (force + polemassLength * (thetaDot * thetaDot) * sintheta) / totalMass;
        double thetaacc = (gravity * sintheta - costheta * temp)
                / (length * (4.0 / 3.0 - masspole * (costheta * costheta) / totalMass));
        double xacc = temp - polemassLength * thetaacc * costheta / totalMass;
        x = x + tau * xDot;
        xDot = xDot + tau * xacc;
        theta = theta + tau * thetaDot;
        thetaDot = thetaDot + tau * thetaacc;
        boolean terminated = x < -xThreshold || x > xThreshold || theta < -thetaThreshold || theta > thetaThreshold;
        double reward = suttonBarto ? (terminated ? -1.0 : 0.0) : 1.0;
        return new Step(new double[] {x, xDot, theta, thetaDot}, reward, terminated);
    }

    @Override public double[] observe(double[] s) {
        return new double[] {(float) s[0], (float) s[1], (float) s[2], (float) s[3]};
    }

    @Override public double[] stateFromObs(double[] obs) {
        return obs.clone();
    }
}
