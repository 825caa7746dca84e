package dev.valuekit.dynamics;

import dev.valuekit.common.BadInputException;
import dev.valuekit.env.Environment;
import dev.valuekit.env.Environments;
import dev.valuekit.env.Step;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvDynamicsTest {
    @Test
    void resolvesEnvNamesWithParameters() {
        DynamicsModel m = DynamicsModels.resolve("env:pendulum", Map.of("g", 12.0));
        assertEquals("env:pendulum", m.name());
        assertEquals(3, m.obsDim());
        assertEquals(1, m.actDim());
        assertTrue(m.isSimulator());
        assertEquals(12.0, ((EnvDynamics) m).environment().parameters().get("g"));
        assertEquals("env:acrobot", DynamicsModels.resolve("env:Acrobot-v1", Map.of()).name());
    }

    @Test
    void unknownModelsAreBadInput() {
        BadInputException e = assertThrows(BadInputException.class, () -> DynamicsModels.resolve("env:hopper", Map.of()));
        assertTrue(e.getMessage().contains("unknown environment 'hopper'"), e.getMessage());
        BadInputException f = assertThrows(BadInputException.class, () -> DynamicsModels.resolve("pendulum", Map.of()));
        assertTrue(f.getMessage().contains("env:NAME"), f.getMessage());
    }

    @Test
    void predictsEachRowAsTheEnvironmentSteps() {
        Environment env = Environments.create("pendulum");
        DynamicsModel m = new EnvDynamics(env);
        double[][] obs = {env.observe(new double[] {0.5, 0.3}), env.observe(new double[] {-2.0, 1.0})};
        double[][] act = {{1.0}, {-0.5}};
        Prediction p = m.predict(obs, act, new SplittableRandom(1));
        assertEquals(2, p.rows());
        for (int r = 0; r < 2; r++) {
            Step s = env.step(env.stateFromObs(obs[r]), act[r]);
            assertArrayEquals(env.observe(s.state()), p.nextObs()[r]);
            assertEquals(s.reward(), p.reward()[r]);
            assertEquals(s.terminated(), p.terminated()[r]);
        }
    }

    @Test
    void invalidDiscreteActionNamesTheRow() {
        DynamicsModel m = DynamicsModels.resolve("env:cartpole", Map.of());
        double[][] obs = new double[3][4];
        InvalidRowException e = assertThrows(InvalidRowException.class,
                () -> m.predict(obs, new double[][] {{0}, {1}, {0.5}}, new SplittableRandom(1)));
        assertEquals(2, e.row());
        assertEquals(0, e.actionIndex());
        assertTrue(e.getMessage().contains("not one of 0..1"), e.getMessage());
    }
}
