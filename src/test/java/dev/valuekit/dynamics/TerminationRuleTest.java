package dev.valuekit.dynamics;

import dev.valuekit.env.Environment;
import dev.valuekit.env.Environments;
import dev.valuekit.env.Step;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rule on the next observation must agree with the simulator's own terminated flag. */
class TerminationRuleTest {
    @Test
    void agreesWithTheSimulatorsOwnTermination() {
        for (String name : new String[] {"pendulum", "mountaincar", "cartpole", "acrobot"}) {
            Environment env = Environments.create(name);
            TerminationRule rule = new TerminationRule(env);
            SplittableRandom rng = new SplittableRandom(11);
            int terminal = 0;
            for (int ep = 0; ep < 40; ep++) {
                double[] s = env.reset(rng);
                for (int t = 0; t < 300; t++) {
                    double[] a = env.actionSpace().isDiscrete() ? new double[] {rng.nextInt(env.actionSpace().n())}
                            : new double[] {env.actionSpace().low(0) + rng.nextDouble() * (env.actionSpace().high(0) - env.actionSpace().low(0))};
                    Step st = env.step(s, a);
                    assertEquals(st.terminated(), rule.isTerminal(env.observe(st.state())), name + " episode " + ep + " step " + t);
                    if (st.terminated()) { terminal++; break; }
                    s = st.state();
                }
            }
            if (name.equals("cartpole")) assertTrue(terminal > 30, "random cartpole episodes end by termination");
        }
    }
}
