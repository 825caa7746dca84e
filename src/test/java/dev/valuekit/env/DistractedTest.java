package dev.valuekit.env;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** distractors=K: the pendulum unchanged in its first 3 observations, plus K AR(1) noise observations. */
class DistractedTest {
    @Test
    void realDimensionsAndRewardsAreThePendulumsAndNoiseIsAr1() {
        Environment plain = Environments.create("pendulum");
        Environment env = Environments.create("pendulum", Map.of("distractors", 4.0, "distractor_rho", 0.8));
        assertEquals(7, env.obsDim());
        double[] s = env.reset(new SplittableRandom(3));
        double[] p = plain.reset(new SplittableRandom(3));
        SplittableRandom act = new SplittableRandom(9);
        int n = 20000;
        double sum = 0, sum2 = 0, lag = 0;
        double[] prev = env.observe(s);
        for (int t = 0; t < n; t++) {
            double[] a = {act.nextDouble(-2, 2)};
            Step st = env.step(s, a);
            Step sp = plain.step(p, a);
            assertEquals(sp.reward(), st.reward(), 0.0);
            assertEquals(st.reward(), env.step(s, a).reward(), 0.0, "a pure function of the state");
            assertArrayEquals(env.observe(env.step(s, a).state()), env.observe(st.state()), 0.0);
            double[] o = env.observe(st.state());
            assertArrayEquals(plain.observe(sp.state()), java.util.Arrays.copyOf(o, 3), 0.0);
            sum += o[3];
            sum2 += o[3] * o[3];
            lag += o[3] * prev[3];
            prev = o;
            s = st.state();
            p = sp.state();
        }
        double mean = sum / n, var = sum2 / n - mean * mean;
        assertEquals(0, mean, 0.1);
        assertEquals(1, var, 0.1);
        assertEquals(0.8, lag / n / var, 0.03, "lag-1 autocorrelation");
    }

    @Test
    void stateFromObsKeepsTheNoise() {
        Environment env = Environments.create("pendulum", Map.of("distractors", 2.0));
        double[] obs = {1, 0, 0.5, 0.25, -1.5};
        assertArrayEquals(obs, env.observe(env.stateFromObs(obs)), 1e-7);
    }

    @Test
    void invalidCountsAreBadInput() {
        assertThrows(dev.valuekit.common.BadInputException.class,
                () -> Environments.create("pendulum", Map.of("distractors", 1.5)));
        assertThrows(dev.valuekit.common.BadInputException.class,
                () -> Environments.create("pendulum", Map.of("distractors", 1.0, "distractor_rho", 1.0)));
    }
}
