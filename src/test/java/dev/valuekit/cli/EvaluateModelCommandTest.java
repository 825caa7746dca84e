package dev.valuekit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valuekit.testutil.Cli;
import dev.valuekit.testutil.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code valuekit evaluate model --model env:NAME} on the data recorded from Gymnasium. */
class EvaluateModelCommandTest {
    @ParameterizedTest(name = "env:{0} on {1}")
    @CsvSource({
        "pendulum, pendulum-random.csv",
        "pendulum, pendulum-expert.csv",
        "mountaincar, mountaincar-random.csv",
        "cartpole, cartpole-random.csv",
        "acrobot, acrobot-random.csv"})
    void gymnasiumRecordingsMatchTheBuiltInEnvironment(String env, String file) throws IOException {
        String path = SharedData.dataset(file).toString();
        Cli.Result r = Cli.run("evaluate", "model", "--model", "env:" + env, "--input", path, "--json");
        assertEquals(0, r.code(), r.toString());
        JsonNode j = new ObjectMapper().readTree(r.stdout());
        assertEquals(1.0, j.get("matching_share").asDouble(), r.stdout());
        for (JsonNode o : j.get("outputs")) {
            assertTrue(o.get("max_abs_error").asDouble() <= 1e-5, o.toString());
            assertEquals(0, o.get("beyond_tolerance").asLong(), o.toString());
        }
        Cli.Result text = Cli.run("evaluate", "model", "--model", "env:" + env, "--input", path, "--tolerance", "1e-9");
        assertEquals(0, text.code(), text.toString());
        assertTrue(text.stdout().startsWith("model env:" + env + " on " + path), text.stdout());
        assertTrue(text.stdout().contains("> 1.000e-09"), text.stdout());
    }
}
