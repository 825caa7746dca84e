package dev.valuekit.env;

import dev.valuekit.common.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry, parameters, spaces, time limits and reset distributions. */
class EnvironmentsTest {
    @Test
    void shapesSpacesAndTimeLimits() {
        check("pendulum", "Pendulum-v1", 3, "box [-2, 2]", 200);
        check("mountaincar", "MountainCarContinuous-v0", 2, "box [-1, 1]", 999);
        check("cartpole", "CartPole-v1", 4, "discrete 0..1", 500);
        check("acrobot", "Acrobot-v1", 6, "discrete 0..2", 500);
        check("point2d", "valuekit/Point2D-v0", 2, "box [-1, 1] [-1, 1]", 50);
    }

    private static void check(String name, String id, int obsDim, String actions, int limit) {
        Environment env = Environments.create(name);
        assertEquals(name, env.name());
        assertEquals(id, env.gymId());
        assertEquals(obsDim, env.obsDim());
        assertEquals(actions, env.actionSpace().describe());
        assertEquals(limit, env.maxEpisodeSteps());
        assertEquals(name, Environments.create(id).name(), "Gymnasium id accepted");
    }

    @Test
    void unknownEnvironmentListsTheValidOnes() {
        BadInputException e = assertThrows(BadInputException.class, () -> Environments.create("lunarlander"));
        assertTrue(e.getMessage().contains("unknown environment 'lunarlander'"), e.getMessage());
        assertTrue(e.getMessage().contains("pendulum, mountaincar, cartpole, acrobot"), e.getMessage());
    }

    @Test
    void unknownOrBadParameterIsBadInput() {
        BadInputException e = assertThrows(BadInputException.class, () -> Environments.create("pendulum", Map.of("gravity", 9.0)));
        assertTrue(e.getMessage().contains("unknown parameter 'gravity'"), e.getMessage());
        assertTrue(e.getMessage().contains("g, m, l, max_speed, max_torque, dt"), e.getMessage());
        BadInputException neg = assertThrows(BadInputException.class, () -> Environments.create("pendulum", Map.of("m", -1.0)));
        assertTrue(neg.getMessage().contains("must be > 0"), neg.getMessage());
    }

    @Test
    void parametersAreReportedAndChangeTheActionBounds() {
        Environment env = Environments.create("pendulum", Map.of("max_torque", 3.0, "g", 12.0));
        assertEquals(12.0, env.parameters().get("g"));
        assertEquals(1.0, env.parameters().get("m"));
        assertEquals("box [-3, 3]", env.actionSpace().describe());
    }

    @Test
    void discreteActionsAreValidated() {
        ActionSpace s = Environments.create("cartpole").actionSpace();
        assertEquals(null, s.invalidReason(new double[] {1}));
        assertTrue(s.invalidReason(new double[] {2}).contains("not one of 0..1"));
        assertTrue(s.invalidReason(new double[] {0.5}).contains("not one of 0..1"));
        assertTrue(s.invalidReason(new double[] {-1}).contains("not one of 0..1"));
        assertEquals(null, Environments.create("pendulum").actionSpace().invalidReason(new double[] {7}), "boxes clip");
    }

    @Test
    void resetDistributions() {
        resetWithin("pendulum", new double[] {-Math.PI, -1}, new double[] {Math.PI, 1});
        resetWithin("mountaincar", new double[] {-0.6, 0}, new double[] {-0.4, 0});
        resetWithin("cartpole", new double[] {-0.05, -0.05, -0.05, -0.05}, new double[] {0.05, 0.05, 0.05, 0.05});
        resetWithin("acrobot", new double[] {-0.1, -0.1, -0.1, -0.1}, new double[] {0.1, 0.1, 0.1, 0.1});
    }

    private static void resetWithin(String name, double[] low, double[] high) {
        Environment env = Environments.create(name);
        SplittableRandom rng = new SplittableRandom(3);
        int n = 20000;
        double[] min = new double[low.length];
        double[] max = new double[low.length];
        double[] sum = new double[low.length];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int k = 0; k < n; k++) {
            double[] s = env.reset(rng);
            if (name.equals("acrobot")) for (double v : s) assertEquals((float) v, v, "acrobot resets to float32");
            for (int i = 0; i < s.length; i++) {
                min[i] = Math.min(min[i], s[i]);
                max[i] = Math.max(max[i], s[i]);
                sum[i] += s[i];
            }
        }
        for (int i = 0; i < low.length; i++) {
            double width = high[i] - low[i];
            assertTrue(min[i] >= low[i] && max[i] <= high[i], name + " state " + i + " in bounds");
            assertEquals(low[i], min[i], width * 1e-3 + 1e-12, name + " state " + i + " reaches its low end");
            assertEquals(high[i], max[i], width * 1e-3 + 1e-12, name + " state " + i + " reaches its high end");
            assertEquals((low[i] + high[i]) / 2, sum[i] / n, width * 0.01 + 1e-12, name + " state " + i + " centred");
        }
        assertFalse(env.step(env.reset(rng), new double[] {0}).terminated(), name + " does not end on its first step");
    }
}
