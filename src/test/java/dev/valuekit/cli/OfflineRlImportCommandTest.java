package dev.valuekit.cli;

import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.table.Batch;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.Tables;
import dev.valuekit.testutil.Cli;
import dev.valuekit.testutil.SharedData;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** D4RL/Minari HDF5 and npz data sets through the real commands. */
class OfflineRlImportCommandTest {
    private static final String DIR = "testdata/offline-rl/";

    @TempDir
    Path dir;

    @Test
    void convertWarnsOnceAboutDroppedStepsAndWritesTheTable() throws Exception {
        Path out = dir.resolve("t.arrow");
        Cli.Result r = Cli.run("convert", DIR + "d4rl-small.hdf5", "-o", out.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals(1, r.stderr().lines().filter(l -> l.contains("dropped 3 of 12 steps")).count(), r.stderr());
        Batch b = Tables.readAll(out.toString(), InputStream.nullInputStream(), ReadOptions.defaults());
        assertEquals(9, b.rows());
        Cli.Result csv = Cli.run("convert", DIR + "minari-small", "--format", "csv", "-o", "-");
        assertEquals(0, csv.code(), csv.toString());
        assertTrue(csv.stdout().startsWith("episode,step,obs_0,obs_1,act_0,reward,next_obs_0,next_obs_1,terminated,truncated\r\n0,0,"), csv.stdout());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bad/no-actions.hdf5 | no 'actions' array",
        "bad/lengths.hdf5    | arrays of different lengths: 'actions' has 11 rows, expected 12",
        "bad/object.npz      | array 'observations' holds Python objects",
    })
    void badDataSetsExitTwoWithOneLineAndNoOutput(String input, String message) {
        Path out = dir.resolve("x.arrow");
        Cli.Result r = Cli.run("convert", DIR + input, "-o", out.toString());
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
        assertTrue(r.stderr().startsWith("valuekit convert: error: " + message), r.stderr());
        assertFalse(Files.exists(out));
        Cli.Result train = Cli.run("train-model", "-i", DIR + input, "-o", dir.resolve("m.safetensors").toString(), "--max-epochs", "1");
        assertEquals(2, train.code(), train.toString());
        assertFalse(Files.exists(dir.resolve("m.safetensors")));
    }

    /** pendulum-medium.csv as D4RL writes it: float32 arrays, terminals/timeouts, next_observations. */
    private Path d4rlFrom(Batch t) {
        Path h5 = dir.resolve("pendulum-medium.hdf5");
        try (WritableHdfFile f = HdfFile.write(h5)) {
            f.putDataset("observations", floats(t, "obs_", 3));
            f.putDataset("actions", floats(t, "act_", 1));
            f.putDataset("rewards", column(t, "reward"));
            f.putDataset("next_observations", floats(t, "next_obs_", 3));
            f.putDataset("terminals", flags(t, "terminated"));
            f.putDataset("timeouts", flags(t, "truncated"));
        }
        return h5;
    }

    /** The same data as a Minari data-set directory: one group per episode, T+1 observations. */
    private Path minariFrom(Batch t) throws Exception {
        Path root = dir.resolve("pendulum-minari");
        Files.createDirectories(root.resolve("data"));
        int ep = t.schema().indexOf("episode");
        try (WritableHdfFile f = HdfFile.write(root.resolve("data/main_data.hdf5"))) {
            int start = 0;
            for (int r = 1; r <= t.rows(); r++) {
                if (r < t.rows() && t.getLong(ep, r) == t.getLong(ep, start)) continue;
                Batch e = t.slice(start, r);
                WritableGroup g = f.putGroup("episode_" + t.getLong(ep, start));
                float[][] obs = floats(e, "obs_", 3);
                float[][] withLast = java.util.Arrays.copyOf(obs, obs.length + 1);
                withLast[obs.length] = floats(e, "next_obs_", 3)[obs.length - 1];
                g.putDataset("observations", withLast);
                g.putDataset("actions", floats(e, "act_", 1));
                g.putDataset("rewards", column(e, "reward"));
                g.putDataset("terminations", flags(e, "terminated"));
                g.putDataset("truncations", flags(e, "truncated"));
                start = r;
            }
        }
        return root;
    }

    private static float[][] floats(Batch t, String prefix, int width) {
        float[][] out = new float[t.rows()][width];
        for (int c = 0; c < width; c++) {
            int col = t.schema().indexOf(prefix + c);
            for (int r = 0; r < t.rows(); r++) {
                out[r][c] = (float) t.getDouble(col, r);
                assertEquals(t.getDouble(col, r), out[r][c], "the CSV holds float32 values");
            }
        }
        return out;
    }

    private static double[] column(Batch t, String name) {
        return java.util.Arrays.copyOf(t.doubleColumn(t.schema().indexOf(name)), t.rows());
    }

    private static byte[] flags(Batch t, String name) {
        byte[] out = new byte[t.rows()];
        for (int r = 0; r < t.rows(); r++) out[r] = (byte) (t.getDouble(t.schema().indexOf(name), r) != 0 ? 1 : 0);
        return out;
    }

    @Test
    void d4rlAndMinariFilesOfPendulumMediumTrainTheSameModelAsTheCsv() throws Exception {
        Path csv = SharedData.dataset("pendulum-medium.csv");
        Batch t = Tables.readAll(csv.toString(), InputStream.nullInputStream(), ReadOptions.defaults());
        Path h5 = d4rlFrom(t);
        Path minari = minariFrom(t);
        String[] tiny = {"--members", "2", "--elites", "1", "--hidden", "8", "--layers", "1", "--batch", "256",
                "--seed", "9", "--threads", "1", "--max-epochs", "1", "--quiet"};
        List<Artifact> models = new java.util.ArrayList<>();
        for (Path in : new Path[] {csv, h5, minari}) {
            Path model = dir.resolve(in.getFileName() + ".safetensors");
            String[] args = java.util.stream.Stream.concat(
                    java.util.stream.Stream.of("train-model", "-i", in.toString(), "-o", model.toString()), java.util.Arrays.stream(tiny))
                    .toArray(String[]::new);
            Cli.Result r = Cli.run(args);
            assertEquals(0, r.code(), r.toString());
            models.add(Artifacts.read(model, "dynamics"));
        }
        for (Artifact other : models.subList(1, 3)) {
            assertEquals(models.get(0).tensors().keySet(), other.tensors().keySet());
            models.get(0).tensors().forEach((name, x) -> assertEquals(x, other.tensors().get(name), name));
        }
        Cli.Result v = Cli.run("fit-value", "-i", minari.toString(), "--target", "v", "--method", "td", "--steps", "5",
                "--hidden", "8", "--layers", "1", "--threads", "1", "--quiet", "-o", dir.resolve("v.safetensors").toString());
        assertEquals(0, v.code(), v.toString());
    }
}
