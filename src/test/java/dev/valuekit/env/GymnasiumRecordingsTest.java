package dev.valuekit.env;

import dev.valuekit.testutil.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The environments against transitions recorded from Gymnasium itself: stepping from the state
 * recovered from obs_* with act_* must reproduce next_obs_*, reward and terminated to 1e-5.
 */
class GymnasiumRecordingsTest {
    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "pendulum, pendulum-random.csv",
        "pendulum, pendulum-medium.csv",
        "pendulum, pendulum-expert.csv",
        "mountaincar, mountaincar-random.csv",
        "cartpole, cartpole-random.csv",
        "acrobot, acrobot-random.csv"})
    void reproducesRecordedTransitions(String envName, String file) throws IOException {
        Path path = SharedData.dataset(file);
        Environment env = Environments.create(envName);
        List<String> header;
        double maxObs = 0, maxReward = 0;
        long rows = 0, exactRows = 0, terminatedMismatch = 0;
        try (BufferedReader in = Files.newBufferedReader(path)) {
            header = Arrays.asList(in.readLine().split(","));
            int[] obs = columns(header, "obs_", env.obsDim());
            int[] next = columns(header, "next_obs_", env.obsDim());
            int act = header.indexOf("act_0");
            int reward = header.indexOf("reward");
            int term = header.indexOf("terminated");
            for (String line; (line = in.readLine()) != null; ) {
                String[] cells = line.split(",");
                double[] o = pick(cells, obs);
                Step step = env.step(env.stateFromObs(o), new double[] {Double.parseDouble(cells[act])});
                double[] predicted = env.observe(step.state());
                double rowMax = 0;
                for (int i = 0; i < next.length; i++) {
                    rowMax = Math.max(rowMax, Math.abs(predicted[i] - Double.parseDouble(cells[next[i]])));
                }
                double rErr = Math.abs(step.reward() - Double.parseDouble(cells[reward]));
                maxObs = Math.max(maxObs, rowMax);
                maxReward = Math.max(maxReward, rErr);
                if ((Double.parseDouble(cells[term]) != 0) != step.terminated()) terminatedMismatch++;
                if (rowMax == 0 && rErr == 0) exactRows++;
                rows++;
            }
        }
        System.out.printf("%s on %s: %d rows, max |next_obs err| %.3g, max |reward err| %.3g, bit-exact rows %.2f%%, terminated mismatches %d%n",
                envName, file, rows, maxObs, maxReward, 100.0 * exactRows / rows, terminatedMismatch);
        assertTrue(rows > 1000, "rows read");
        assertTrue(maxObs <= 1e-5, "max next_obs error " + maxObs);
        assertTrue(maxReward <= 1e-5, "max reward error " + maxReward);
        assertEquals(0, terminatedMismatch, "terminated mismatches");
    }

    private static int[] columns(List<String> header, String prefix, int n) {
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = header.indexOf(prefix + i);
            assertTrue(c[i] >= 0, "column " + prefix + i);
        }
        assertEquals(-1, header.indexOf(prefix + n), "no extra " + prefix + " column");
        return c;
    }

    private static double[] pick(String[] cells, int[] cols) {
        double[] v = new double[cols.length];
        for (int i = 0; i < cols.length; i++) v[i] = Double.parseDouble(cells[cols[i]]);
        return v;
    }
}
