package dev.valuekit.env;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Gymnasium's Acrobot-v1: the "book" dynamics, no torque noise, one RK4 step of dt integrated as
 * Gymnasium's {@code rk4} does (over the state augmented with the torque, whose derivative is 0).
 * State (θ₁, θ₂, θ̇₁, θ̇₂) in float64 (reset draws float32 values); observation
 * (cos θ₁, sin θ₁, cos θ₂, sin θ₂, θ̇₁, θ̇₂) as float32; actions 0, 1, 2 apply torque −1, 0, +1.
 */
public final class Acrobot implements Environment {
    static final List<EnvParameter> PARAMETERS = List.of(
            new EnvParameter("dt", 0.2, true, "time step, s"),
            new EnvParameter("link_length_1", 1.0, true, "length of link 1, m"),
            new EnvParameter("link_mass_1", 1.0, true, "mass of link 1, kg"),
            new EnvParameter("link_mass_2", 1.0, true, "mass of link 2, kg"),
            new EnvParameter("link_com_pos_1", 0.5, true, "centre of mass of link 1, m"),
            new EnvParameter("link_com_pos_2", 0.5, true, "centre of mass of link 2, m"),
            new EnvParameter("link_moi", 1.0, true, "moment of inertia of both links"),
            new EnvParameter("g", 9.8, false, "gravity, m/s²"),
            new EnvParameter("max_vel_1", 4 * Math.PI, true, "angular velocity bound of link 1"),
            new EnvParameter("max_vel_2", 9 * Math.PI, true, "angular velocity bound of link 2"));

    private static final double[] TORQUE = {-1.0, 0.0, 1.0};

    private final Map<String, Double> params;
    private final double dt, l1, m1, m2, lc1, lc2, moi, g, maxVel1, maxVel2;
    private final ActionSpace actions = ActionSpace.discrete(3);

    Acrobot(Map<String, Double> p) {
        this.params = p;
        this.dt = p.get("dt");
        this.l1 = p.get("link_length_1");
        this.m1 = p.get("link_mass_1");
        this.m2 = p.get("link_mass_2");
        this.lc1 = p.get("link_com_pos_1");
        this.lc2 = p.get("link_com_pos_2");
        this.moi = p.get("link_moi");
        this.g = p.get("g");
        this.maxVel1 = p.get("max_vel_1");
        this.maxVel2 = p.get("max_vel_2");
    }

    @Override public String name() { return "acrobot"; }
    @Override public String gymId() { return "Acrobot-v1"; }
    @Override public int obsDim() { return 6; }
    @Override public ActionSpace actionSpace() { return actions; }
    @Override public int maxEpisodeSteps() { return 500; }
    @Override public Map<String, Double> parameters() { return params; }

    @Override public double[] reset(RandomGenerator rng) {
        double[] s = new double[4];
        for (int i = 0; i < 4; i++) s[i] = (float) Uniform.draw(rng, -0.1, 0.1);
        return s;
    }

    @Override public Step step(double[] s, double[] action) {
        double[] y0 = {s[0], s[1], s[2], s[3], TORQUE[(int) action[0]]};
        double[] ns = rk4(y0);
        ns[0] = wrap(ns[0], -Math.PI, Math.PI);
        ns[1] = wrap(ns[1], -Math.PI, Math.PI);
        ns[2] = bound(ns[2], -maxVel1, maxVel1);
        ns[3] = bound(ns[3], -maxVel2, maxVel2);
        boolean terminated = -StrictMath.cos(ns[0]) - StrictMath.cos(ns[1] + ns[0]) > 1.0;
        return new Step(ns, terminated ? 0.0 : -1.0, terminated);
    }

    /** One step of Gymnasium's rk4 over t = [0, dt]; returns the first four components. */
    private double[] rk4(double[] y0) {
        double h = dt - 0.0;
        double h2 = h / 2.0;
        double[] k1 = dsdt(y0);
        double[] k2 = dsdt(axpy(y0, h2, k1));
        double[] k3 = dsdt(axpy(y0, h2, k2));
        double[] k4 = dsdt(axpy(y0, h, k3));
        double w = h / 6.0;
        double[] out = new double[4];
        for (int i = 0; i < 4; i++) out[i] = y0[i] + w * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        return out;
    }

    private static double[] axpy(double[] y, double a, double[] k) {
        double[] r = new double[y.length];
        for (int i = 0; i < y.length; i++) r[i] = y[i] + a * k[i];
        return r;
    }

    /** Time derivative of the augmented state (θ₁, θ₂, θ̇₁, θ̇₂, torque), in Gymnasium's operation order. */
    private double[] dsdt(double[] y) {
        double a = y[4];
        double theta1 = y[0], theta2 = y[1], dtheta1 = y[2], dtheta2 = y[3];
        double cos2 = StrictMath.cos(theta2);
        double sin2 = StrictMath.sin(theta2);
        double d1 = m1 * (lc1 * lc1) + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cos2) + moi + moi;
        double d2 = m2 * (lc2 * lc2 + l1 * lc2 * cos2) + moi;
        double phi2 = m2 * lc2 * g * StrictMath.cos(theta1 + theta2 - Math.PI / 2.0);
        double phi1 = -m2 * l1 * lc2 * (dtheta2 * dtheta2) * sin2
                - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sin2
                + (m1 * lc1 + m2 * l1) * g * StrictMath.cos(theta1 - Math.PI / 2)
                + phi2;
        double ddtheta2 = (a + d2 / d1 * phi1 - m2 * l1 * lc2 * (dtheta1 * dtheta1) * sin2 - phi2)
                / (m2 * (lc2 * lc2) + moi - d2 * d2 / d1);
        double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
        return new double[] {dtheta1, dtheta2, ddtheta1, ddtheta2, 0.0};
    }

    /** Gymnasium's wrap: shift by whole periods into [m, M]. */
    static double wrap(double x, double m, double bigM) {
        double diff = bigM - m;
        while (x > bigM) x = x - diff;
        while (x < m) x = x + diff;
        return x;
    }

    static double bound(double x, double m, double bigM) {
        double r = m > x ? m : x;
        return bigM < r ? bigM : r;
    }

    @Override public double[] observe(double[] s) {
        return new double[] {(float) StrictMath.cos(s[0]), (float) StrictMath.sin(s[0]),
                (float) StrictMath.cos(s[1]), (float) StrictMath.sin(s[1]), (float) s[2], (float) s[3]};
    }

    @Override public double[] stateFromObs(double[] obs) {
        return new double[] {StrictMath.atan2(obs[1], obs[0]), StrictMath.atan2(obs[3], obs[2]), obs[4], obs[5]};
    }
}
