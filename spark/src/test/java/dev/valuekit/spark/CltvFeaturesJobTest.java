package dev.valuekit.spark;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.valuekit.spark.LocalSpark.rows;
import static dev.valuekit.spark.LocalSpark.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** predict-cltv features on local[2] against valuekit on one machine: the same customer rows, bit for bit. */
class CltvFeaturesJobTest {
    @TempDir static Path tmp;
    static Path log;
    static List<String> expected;

    static final String[] WINDOW = {"--calibration-end", "2024-09-29", "--holdout-end", "2025-06-29"};

    @BeforeAll
    static void singleMachine() throws Exception {
        log = tmp.resolve("log.csv");
        LocalSpark.Result s = LocalSpark.valuekit("predict-cltv", "synth", "--customers", "3000", "--seed", "3", "-o", log.toString());
        assertEquals(0, s.code(), s.toString());
        Path one = tmp.resolve("one.arrow");
        LocalSpark.Result f = LocalSpark.valuekit(features(log.toString(), one.toString()));
        assertEquals(0, f.code(), f.toString());
        expected = rows(one);
    }

    static String[] features(String in, String out, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("predict-cltv", "features", "--transactions", in));
        a.addAll(List.of(WINDOW));
        a.addAll(List.of("-o", out));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    @Test
    void oneFileAndPartsGiveTheSingleMachineRows() throws Exception {
        for (int parts : new int[]{1, 3}) {
            String in = parts == 1 ? log.toString() : LocalSpark.splitCsv(log, tmp.resolve("log-" + parts), parts).toString();
            Path out = tmp.resolve("spark-" + parts + ".arrow");
            LocalSpark.Result r = LocalSpark.spark(features(in, out.toString()));
            assertEquals(0, r.code(), r.toString());
            assertTrue(Files.isDirectory(out));
            List<String> got = rows(out);
            assertEquals(expected.size(), got.size());
            // one part per shuffle partition (3), each sorted by customer: the same rows, bit for bit
            assertEquals(sorted(expected), sorted(got));
        }
    }

    @Test
    void missingColumnIsTheCliErrorAndLeavesNoOutput() throws Exception {
        Path out = tmp.resolve("bad.arrow");
        LocalSpark.Result cli = LocalSpark.valuekit(features(log.toString(), out.toString(), "--amount-column", "revenue"));
        LocalSpark.Result r = LocalSpark.spark(features(log.toString(), out.toString(), "--amount-column", "revenue"));
        assertEquals(2, r.code(), r.toString());
        assertEquals(cli.err(), r.err());
        assertTrue(r.err().startsWith("valuekit predict-cltv features: error: "), r.err());
        assertFalse(Files.exists(out));
        try (var s = Files.list(tmp)) { assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".bad.arrow")), "temporary left"); }
    }

    @Test
    void badRowInATaskIsTheCliErrorAndLeavesNoOutput() throws Exception {
        Path dir = LocalSpark.splitCsv(log, tmp.resolve("log-bad"), 2);
        Path part = dir.resolve("part-00001.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(part));
        String[] f = lines.get(5).split(",", -1);
        int amount = List.of(lines.get(0).split(",")).indexOf("amount");
        f[amount] = "-3";
        lines.set(5, String.join(",", f));
        Files.write(part, lines);
        Path out = tmp.resolve("bad-row.arrow");
        LocalSpark.Result r = LocalSpark.spark(features(dir.toString(), out.toString()));
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().startsWith("valuekit predict-cltv features: error: negative amount -3.0 (" + part + ", row 5, column amount)"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out));
    }
}
