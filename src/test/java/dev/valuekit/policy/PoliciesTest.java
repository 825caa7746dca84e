package dev.valuekit.policy;

import dev.valuekit.common.BadInputException;
import dev.valuekit.env.ActionSpace;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoliciesTest {
    private static final ActionSpace BOX = ActionSpace.box(new double[] {-2}, new double[] {2});
    private static final ActionSpace TWO = ActionSpace.discrete(2);

    @Test
    void randomCoversTheBoxWithFloat32Values() {
        Policy p = Policies.parse("random", BOX, "pendulum");
        SplittableRandom rng = new SplittableRandom(1);
        double min = 9, max = -9;
        for (int i = 0; i < 10000; i++) {
            double a = p.act(null, rng)[0];
            assertEquals((float) a, a);
            min = Math.min(min, a);
            max = Math.max(max, a);
        }
        assertTrue(min >= -2 && min < -1.99 && max <= 2 && max > 1.99, min + " " + max);
    }

    @Test
    void randomDiscreteDrawsEveryAction() {
        Policy p = Policies.parse("random", ActionSpace.discrete(3), "acrobot");
        SplittableRandom rng = new SplittableRandom(1);
        int[] counts = new int[3];
        for (int i = 0; i < 3000; i++) counts[(int) p.act(null, rng)[0]]++;
        for (int c : counts) assertTrue(c > 900 && c < 1100, "counts " + java.util.Arrays.toString(counts));
    }

    @Test
    void zeroAndConstant() {
        assertArrayEquals(new double[] {0}, Policies.parse("zero", BOX, "pendulum").act(null, null));
        assertArrayEquals(new double[] {0}, Policies.parse("zero", TWO, "cartpole").act(null, null));
        assertArrayEquals(new double[] {(float) 0.3}, Policies.parse("constant:0.3", BOX, "pendulum").act(null, null));
        assertArrayEquals(new double[] {1}, Policies.parse("constant:1", TWO, "cartpole").act(null, null));
    }

    @Test
    void gaussianHasTheRequestedSpreadAndIsClipped() {
        Policy p = Policies.parse("gaussian:0.5", BOX, "pendulum");
        SplittableRandom rng = new SplittableRandom(2);
        int n = 40000;
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++) {
            double a = p.act(null, rng)[0];
            sum += a;
            sumSq += a * a;
        }
        assertEquals(0, sum / n, 0.01);
        assertEquals(0.5, Math.sqrt(sumSq / n), 0.01);
        Policy wide = Policies.parse("gaussian:100", BOX, "pendulum");
        for (int i = 0; i < 100; i++) {
            double a = wide.act(null, rng)[0];
            assertTrue(a >= -2 && a <= 2);
        }
    }

    @Test
    void badSpecsAreBadInput() {
        assertBad("gaussian:0.5", TWO, "needs continuous actions");
        assertBad("gaussian", BOX, "needs a number");
        assertBad("gaussian:-1", BOX, "SIGMA must be > 0");
        assertBad("gaussian:abc", BOX, "not a finite number");
        assertBad("constant:3", BOX, "outside pendulum's actions box [-2, 2]");
        assertBad("constant:0.5", TWO, "outside");
        assertBad("constant:2", TWO, "outside");
        assertBad("zero:1", BOX, "takes no argument");
        assertBad("greedy", BOX, "unknown policy 'greedy'");
    }

    private static void assertBad(String spec, ActionSpace space, String fragment) {
        BadInputException e = assertThrows(BadInputException.class, () -> Policies.parse(spec, space, "pendulum"));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
