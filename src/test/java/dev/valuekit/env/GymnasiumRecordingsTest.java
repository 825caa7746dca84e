package dev.valuekit.env;

import dev.valuekit.table.Batch;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.Tables;
import dev.valuekit.table.TransitionColumns;
import dev.valuekit.testutil.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The environments against transitions recorded from Gymnasium itself: stepping from the state
 * recovered from obs_* with act_* must reproduce next_obs_*, reward and terminated to 1e-5.
 */
class GymnasiumRecordingsTest {
    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "pendulum, pendulum-random.csv, 20000",
        "pendulum, pendulum-medium.csv, 10000",
        "pendulum, pendulum-expert.csv, 10000",
        "mountaincar, mountaincar-random.csv, 19980",
        "cartpole, cartpole-random.csv, 18342",
        "acrobot, acrobot-random.csv, 19959"})
    void reproducesRecordedTransitions(String envName, String file, int expectedRows) {
        String path = SharedData.dataset(file).toString();
        Environment env = Environments.create(envName);
        Batch data = Tables.readAll(path, null, ReadOptions.defaults());
        TransitionColumns c = TransitionColumns.resolve(data.schema(), path);
        assertEquals(env.obsDim(), c.obsDim());
        double maxObs = 0;
        double maxReward = 0;
        long exactRows = 0;
        long terminatedMismatch = 0;
        long terminalRows = 0;
        for (int r = 0; r < data.rows(); r++) {
            double[] obs = new double[c.obsDim()];
            for (int i = 0; i < obs.length; i++) obs[i] = data.getDouble(c.obs()[i], r);
            Step step = env.step(env.stateFromObs(obs), new double[] {data.getDouble(c.act()[0], r)});
            double[] predicted = env.observe(step.state());
            double rowMax = 0;
            for (int i = 0; i < predicted.length; i++) {
                rowMax = Math.max(rowMax, Math.abs(predicted[i] - data.getDouble(c.nextObs()[i], r)));
            }
            double rewardErr = Math.abs(step.reward() - data.getDouble(c.reward(), r));
            boolean terminated = data.getDouble(c.terminated(), r) != 0;
            if (terminated) terminalRows++;
            if (terminated != step.terminated()) terminatedMismatch++;
            if (rowMax == 0 && rewardErr == 0) exactRows++;
            maxObs = Math.max(maxObs, rowMax);
            maxReward = Math.max(maxReward, rewardErr);
        }
        System.out.printf("%s on %s: %d rows (%d terminal), max |next_obs err| %.3g, max |reward err| %.3g, "
                        + "bit-identical rows %.2f%%, terminated mismatches %d%n",
                envName, file, data.rows(), terminalRows, maxObs, maxReward, 100.0 * exactRows / data.rows(), terminatedMismatch);
        assertEquals(expectedRows, data.rows());
        assertTrue(maxObs <= 1e-5, "max next_obs error " + maxObs);
        assertTrue(maxReward <= 1e-5, "max reward error " + maxReward);
        assertEquals(0, terminatedMismatch, "terminated mismatches");
    }
}
