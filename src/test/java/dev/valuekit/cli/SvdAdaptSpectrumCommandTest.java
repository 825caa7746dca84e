package dev.valuekit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valuekit.adapt.AdaptTestData;
import dev.valuekit.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvdAdaptSpectrumCommandTest {
    private static final Path WEIGHTS = Path.of("testdata/bad/adapt-weights.safetensors").toAbsolutePath();

    @Test
    void theCommittedTestFileIsWhatTheGeneratorMakes() throws Exception {
        assertArrayEquals(AdaptTestData.weightsFile(), Files.readAllBytes(WEIGHTS));
    }

    @Test
    void jsonReportHasSpectraRanksAndSkippedTensors(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("spectra.png");
        Cli.Result r = Cli.run("svd-adapt", "spectrum", "--weights", WEIGHTS.toString(), "--energy", "0.95", "--json",
                "--plot", png.toString());
        assertEquals(0, r.code(), r.toString());
        JsonNode j = new ObjectMapper().readTree(r.stdout());
        assertEquals(2, j.get("matrices").size());
        JsonNode fc1 = j.get("matrices").get(0).get("name").asText().equals("fc1.weight") ? j.get("matrices").get(0) : j.get("matrices").get(1);
        for (int i = 0; i < 4; i++) {
            assertEquals(AdaptTestData.FC1_SIGMA[i], fc1.get("singular_values").get(i).asDouble(), 1e-5);
        }
        // energies 64, 16, 0.25, 0.0625 of 80.3125: 0.797, 0.996, ...
        assertEquals(2, fc1.get("ranks").get("energy_0.9").asInt());
        assertEquals(2, fc1.get("ranks").get("energy_0.99").asInt());
        assertEquals(2, fc1.get("ranks").get("chosen").asInt());
        assertEquals(4, fc1.get("energy").size());
        assertEquals(1.0, fc1.get("energy").get(3).asDouble(), 1e-12);
        assertEquals(2, j.get("skipped").size());
        byte[] head = Files.readAllBytes(png);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
    }

    @Test
    void textReportForOneLayer() {
        Cli.Result r = Cli.run("svd-adapt", "spectrum", "--weights", WEIGHTS.toString(), "--tensors", "fc1.weight", "--rank", "3", "--top", "2");
        assertEquals(0, r.code(), r.toString());
        String out = r.stdout();
        assertTrue(out.contains("fc1.weight  6x4"), out);
        assertTrue(out.contains("sigma[1..2]: 8.000 4.000"), out);
        assertTrue(out.contains("tail (2 values): max 0.5000"), out);
        assertTrue(out.contains("chosen (rank 3) -> 3"), out);
        assertFalse(out.contains("fc2.weight"), out);
    }

    @Test
    void badInputsExitTwoWithOneLine(@TempDir Path dir) {
        Path png = dir.resolve("p.png");
        String w = WEIGHTS.toString();
        String[][] cases = {
            {"rank 5 is outside 1..4 for layer 'fc1.weight'", "--weights", w, "--tensors", "fc1.weight", "--rank", "5"},
            {"layer 'fc9.weight' does not exist", "--weights", w, "--tensors", "fc9.weight"},
            {"tensor 'ensemble.weight' has shape [2,3,3], not a 2-D weight matrix", "--weights", w, "--tensors", "ensemble.weight"},
            {"energy threshold 1.5 is outside (0, 1]", "--weights", w, "--energy", "1.5"},
            {"energy threshold 0.0 is outside (0, 1]", "--weights", w, "--energy", "0"},
            {"not a valuekit model", "--model", w},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 3];
            args[0] = "svd-adapt";
            args[1] = "spectrum";
            System.arraycopy(c, 1, args, 2, c.length - 1);
            args[c.length + 1] = "--plot";
            args[c.length + 2] = png.toString();
            Cli.Result r = Cli.run(args);
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.stderr().contains(c[0]), r.toString());
            assertTrue(r.stderr().startsWith("valuekit svd-adapt spectrum: error: "), r.toString());
            assertEquals(1, r.stderr().strip().lines().count(), r.toString());
            assertFalse(Files.exists(png), "no plot on failure");
        }
    }

    @Test
    void theParentCommandNeedsASubcommand() {
        Cli.Result r = Cli.run("svd-adapt");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.stderr().contains("Usage: valuekit svd-adapt") && r.stderr().contains("spectrum"), r.toString());
    }

    @Test
    void helpEndsWithExamples() {
        Cli.Result r = Cli.run("svd-adapt", "spectrum", "--help");
        assertEquals(0, r.code());
        assertTrue(r.stdout().contains("Examples:"), r.stdout());
        assertTrue(r.stdout().contains("--energy=TAU"), r.stdout());
    }
}
