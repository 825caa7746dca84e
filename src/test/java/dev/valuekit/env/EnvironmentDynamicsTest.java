package dev.valuekit.env;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Single steps against values computed with NumPy from Gymnasium's equations. */
class EnvironmentDynamicsTest {
    private static final double EPS = 1e-12;

    @Test
    void pendulumStep() {
        Step s = Environments.create("pendulum").step(new double[] {0.5, 0.3}, new double[] {1.0});
        assertEquals(0.5404784576976576, s.state()[0], EPS);
        assertEquals(0.8095691539531522, s.state()[1], EPS);
        assertEquals(-0.26, s.reward(), EPS);
        assertFalse(s.terminated());
    }

    @Test
    void pendulumParametersChangeTheDynamics() {
        Step s = Environments.create("pendulum", Map.of("g", 12.0, "m", 1.5)).step(new double[] {0.5, 0.3}, new double[] {1.0});
        assertEquals(0.5415741492371892, s.state()[0], EPS);
        assertEquals(0.8314829847437828, s.state()[1], EPS);
    }

    @Test
    void pendulumClipsTorqueAndSpeed() {
        Environment env = Environments.create("pendulum");
        Step clipped = env.step(new double[] {0.5, 0.3}, new double[] {5.0});
        Step atBound = env.step(new double[] {0.5, 0.3}, new double[] {2.0});
        assertArrayEquals(atBound.state(), clipped.state());
        assertEquals(atBound.reward(), clipped.reward());
        assertEquals(8.0, env.step(new double[] {0.0, 7.99}, new double[] {2.0}).state()[1]);
    }

    @Test
    void pendulumRewardUsesTheNormalisedAngle() {
        assertEquals(0.7168146928204138, Pendulum.angleNormalize(7.0), EPS);
        assertEquals(-0.7168146928204138, Pendulum.angleNormalize(-7.0), EPS);
        assertEquals(-Math.PI, Pendulum.angleNormalize(Math.PI), EPS);
        Environment env = Environments.create("pendulum");
        double r1 = env.step(new double[] {0.2, 0.0}, new double[] {0}).reward();
        double r2 = env.step(new double[] {0.2 + 4 * Math.PI, 0.0}, new double[] {0}).reward();
        assertEquals(r1, r2, 1e-12);
    }

    @Test
    void pendulumObservationAndRecovery() {
        Environment env = Environments.create("pendulum");
        double[] obs = env.observe(new double[] {0.5 + 2 * Math.PI, -1.25});
        assertEquals((float) Math.cos(0.5), obs[0], 1e-7);
        assertEquals((float) Math.sin(0.5), obs[1], 1e-7);
        assertEquals(-1.25, obs[2]);
        double[] s = env.stateFromObs(obs);
        assertEquals(0.5, s[0], 1e-7);
        assertEquals(-1.25, s[1]);
    }

    @Test
    void cartPoleSteps() {
        Environment env = Environments.create("cartpole");
        Step right = env.step(new double[4], new double[] {1});
        assertArrayEquals(new double[] {0.0, 0.1951219512195122, 0.0, -0.2926829268292683}, right.state(), EPS);
        assertEquals(1.0, right.reward());
        Step left = env.step(new double[] {0.1, 0.2, 0.05, -0.3}, new double[] {0});
        assertArrayEquals(new double[] {0.10400000000000001, 0.004202345356037418, 0.044000000000000004, 0.008023313606151494},
                left.state(), EPS);
    }

    @Test
    void cartPoleTerminatesBeyondThresholds() {
        Environment env = Environments.create("cartpole");
        assertTrue(env.step(new double[] {2.4, 1.0, 0, 0}, new double[] {1}).terminated());
        assertTrue(env.step(new double[] {0, 0, 0.2, 1.0}, new double[] {1}).terminated());
        assertFalse(env.step(new double[] {0, 0, 0.1, 0}, new double[] {1}).terminated());
        Step sb = Environments.create("cartpole", Map.of("sutton_barto_reward", 1.0)).step(new double[] {2.4, 1.0, 0, 0}, new double[] {1});
        assertEquals(-1.0, sb.reward());
    }

    @Test
    void mountainCarStep() {
        Environment env = Environments.create("mountaincar");
        Step s = env.step(new double[] {-0.5, (float) 0.01}, new double[] {0.5});
        assertEquals(-0.489426851272583, s.state()[0]);
        assertEquals(0.010573157109320164, s.state()[1]);
        assertEquals(-0.025, s.reward(), EPS);
        assertFalse(s.terminated());
    }

    @Test
    void mountainCarGoalWallAndSpeedLimit() {
        Environment env = Environments.create("mountaincar");
        Step goal = env.step(new double[] {0.44, 0.03}, new double[] {1.0});
        assertTrue(goal.terminated());
        assertEquals(100.0 - 0.1, goal.reward(), 1e-12);
        Step wall = env.step(new double[] {-1.19, -0.05}, new double[] {-1.0});
        assertEquals((float) -1.2, wall.state()[0]);
        assertEquals(0.0, wall.state()[1]);
        assertEquals((float) 0.07, env.step(new double[] {-0.6, 0.0695}, new double[] {1.0}).state()[1]);
        // the reward is charged on the raw action, the force on the clipped one
        Step big = env.step(new double[] {-0.5, 0}, new double[] {3.0});
        assertEquals(-0.9, big.reward(), 1e-6);
        assertArrayEquals(env.step(new double[] {-0.5, 0}, new double[] {1.0}).state(), big.state());
    }

    @Test
    void acrobotRestsAtTheBottomAndWrapsAngles() {
        Environment env = Environments.create("acrobot");
        Step rest = env.step(new double[4], new double[] {1});
        assertArrayEquals(new double[4], rest.state(), 1e-15); // cos(-π/2) is 6e-17, not 0, in Gymnasium too
        assertEquals(-1.0, rest.reward());
        assertEquals(Math.PI - 0.5, Acrobot.wrap(-Math.PI - 0.5, -Math.PI, Math.PI), 1e-12);
        assertEquals(-Math.PI + 0.25, Acrobot.wrap(Math.PI + 0.25, -Math.PI, Math.PI), 1e-12);
        assertEquals(4 * Math.PI, Acrobot.bound(100, -4 * Math.PI, 4 * Math.PI));
        assertEquals(-4 * Math.PI, Acrobot.bound(-100, -4 * Math.PI, 4 * Math.PI));
    }

    @Test
    void acrobotTerminatesWithTheTipAboveTheBar() {
        Environment env = Environments.create("acrobot");
        Step up = env.step(new double[] {Math.PI, 0, 0, 0}, new double[] {1});
        assertTrue(up.terminated());
        assertEquals(0.0, up.reward());
        double[] obs = env.observe(up.state());
        assertEquals(6, obs.length);
        assertArrayEquals(up.state(), env.stateFromObs(obs), 1e-6);
    }

    @Test
    void acrobotTorqueAcceleratesTheSecondLink() {
        Environment env = Environments.create("acrobot");
        double push = env.step(new double[4], new double[] {2}).state()[3];
        double pull = env.step(new double[4], new double[] {0}).state()[3];
        assertTrue(push > 0, "torque +1 turns link 2 forward");
        assertEquals(-push, pull, 1e-12);
    }
}
