package dev.valuekit.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.valuekit.spark.LocalSpark.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rollout --env on local[2]: the parts in order are the single-machine table, bit for bit. */
class RolloutJobTest {
    @TempDir Path tmp;

    private void same(String... args) throws Exception {
        Path one = tmp.resolve("one.arrow"), dist = tmp.resolve("spark.arrow");
        List<String> common = List.of(args);
        LocalSpark.Result a = LocalSpark.valuekit(concat(common, "-o", one.toString()));
        assertEquals(0, a.code(), a.toString());
        LocalSpark.Result b = LocalSpark.spark(concat(common, "-o", dist.toString()));
        assertEquals(0, b.code(), b.toString());
        assertEquals(rows(one), rows(dist), String.join(" ", args));
        assertTrue(rows(one).size() > 1);
    }

    private static String[] concat(List<String> a, String... b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(List.of(b));
        return all.toArray(new String[0]);
    }

    @Test
    void episodesSpreadOverTasksGiveTheSameRows() throws Exception {
        same("rollout", "--env", "pendulum", "--episodes", "7", "--policy", "gaussian:0.5", "--seed", "3");
        same("rollout", "--model", "env:cartpole", "--episodes", "9", "--seed", "11");   // terminations, uneven episode lengths
    }

    @Test
    void modelFileWithoutStartIsTheCliError() {
        LocalSpark.Result cli = LocalSpark.valuekit("rollout", "--model", "x.safetensors", "-o", tmp.resolve("x.arrow").toString());
        LocalSpark.Result r = LocalSpark.spark("rollout", "--model", "x.safetensors", "-o", tmp.resolve("x.arrow").toString());
        assertEquals(2, r.code(), r.toString());
        assertEquals(cli.err(), r.err());
    }
}
