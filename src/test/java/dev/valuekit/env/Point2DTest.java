package dev.valuekit.env;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** point2d: moves, clips, rewards and resets as documented, checked by hand on a few steps. */
class Point2DTest {
    private final Environment env = Environments.create("point2d");

    @Test
    void shapesAndDefaults() {
        assertEquals("valuekit/Point2D-v0", env.gymId());
        assertEquals(2, env.obsDim());
        assertEquals("box [-1, 1] [-1, 1]", env.actionSpace().describe());
        assertEquals(50, env.maxEpisodeSteps());
        assertEquals(20, Environments.create("point2d", Map.of("time_limit", 20.0)).maxEpisodeSteps());
    }

    @Test
    void stepsMoveByStepSizeTimesActionAndRewardTheNegativeDistanceToTheGoal() {
        // (0, 0) + 0.2 * (1, 0.5) = (0.2, 0.1); goal (1.5, 0): distance sqrt(1.3² + 0.1²)
        Step s = env.step(new double[] {0, 0}, new double[] {1, 0.5});
        assertArrayEquals(new double[] {(float) 0.2, (float) 0.1}, s.state());
        assertEquals(-Math.hypot(1.5 - (float) 0.2, (float) 0.1), s.reward(), 1e-12);
        assertFalse(s.terminated());
        // a second step from there, actions clipped to [-1, 1]: (0.2, 0.1) + 0.2 * (1, -1) = (0.4, -0.1)
        Step t = env.step(s.state(), new double[] {3, -7});
        assertArrayEquals(new double[] {(float) ((float) 0.2 + 0.2), (float) ((float) 0.1 - 0.2)}, t.state());
        assertEquals(-Math.hypot(1.5 - t.state()[0], t.state()[1]), t.reward(), 1e-12);
        // standing on the goal earns 0
        assertEquals(0.0, env.step(new double[] {1.5, 0}, new double[] {0, 0}).reward(), 1e-7);
    }

    @Test
    void theWallsClipThePositionAndNothingTerminates() {
        Step s = env.step(new double[] {3.9, -3.95}, new double[] {1, -1});
        assertArrayEquals(new double[] {4.0, -4.0}, s.state());
        assertFalse(s.terminated());
        Step small = Environments.create("point2d", Map.of("size", 1.0)).step(new double[] {0.9, 0}, new double[] {1, 0});
        assertEquals(1.0, small.state()[0]);
    }

    @Test
    void seededResetsAreRepeatableAndInsideTheStartSquare() {
        for (int i = 0; i < 200; i++) {
            double[] a = env.reset(new SplittableRandom(i)), b = env.reset(new SplittableRandom(i));
            assertArrayEquals(a, b);
            assertTrue(Math.abs(a[0]) <= 1 && Math.abs(a[1]) <= 1, java.util.Arrays.toString(a));
            assertArrayEquals(a, env.stateFromObs(env.observe(a)));
        }
        double[] wide = Environments.create("point2d", Map.of("start_size", 3.0)).reset(new SplittableRandom(7));
        assertEquals(wide[0], (float) (-3 + 6 * new SplittableRandom(7).nextDouble()), 0);
    }
}
