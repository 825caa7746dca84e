package dev.valuekit.dynamics;

import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Precision;
import dev.valuekit.testutil.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Precision belongs to each model, not to the process: an f64 and an f32 model loaded in one process,
 * in either order, each compute in their own precision and give the numbers they give alone.
 */
class PrecisionPerModelTest {
    @TempDir static Path dir;
    static Path f64, f32;
    static double[] x;

    @BeforeAll
    static void trainBoth() {
        String data = dir.resolve("pend.csv").toString();
        assertEquals(0, Cli.run("rollout", "--env", "pendulum", "--episodes", "2", "--seed", "1", "-o", data, "--quiet").code());
        f64 = dir.resolve("f64.safetensors");
        f32 = dir.resolve("f32.safetensors");
        for (Path out : new Path[] {f64, f32}) {
            Cli.Result r = Cli.run("--threads", "1", "train-model", "-i", data, "-o", out.toString(), "--members", "2", "--elites", "1",
                    "--hidden", "8", "--layers", "2", "--max-epochs", "2", "--seed", "3", "--quiet",
                    "--precision", out == f64 ? "f64" : "f32");
            assertEquals(0, r.code(), r.toString());
        }
        SplittableRandom rng = new SplittableRandom(7);
        x = new double[50 * 4];
        for (int i = 0; i < x.length; i++) x[i] = rng.nextDouble(-1, 1);
    }

    private static double[] predict(DynamicsArtifacts.Loaded m) {
        DynamicsNetwork.Output o = m.network().predict(x, 50);
        double[] flat = new double[o.mean().length * o.mean()[0].length];
        for (int k = 0; k < o.mean().length; k++) System.arraycopy(o.mean()[k], 0, flat, k * o.mean()[0].length, o.mean()[0].length);
        return flat;
    }

    @Test
    void eachModelKeepsItsOwnPrecisionWhateverTheLoadOrder() {
        Nd4jRuntime.configure(Precision.F32, 1);
        DynamicsArtifacts.Loaded alone64 = DynamicsArtifacts.load(f64);
        double[] ref64 = predict(alone64);
        DynamicsArtifacts.Loaded alone32 = DynamicsArtifacts.load(f32);
        double[] ref32 = predict(alone32);
        assertEquals(Precision.F64, alone64.network().precision());
        assertEquals(Precision.F32, alone32.network().precision());
        for (double v : ref32) assertEquals((float) v, v, 0.0, "an f32 model's outputs are f32 values");
        boolean wider = false;
        for (double v : ref64) wider |= (float) v != v;
        assertTrue(wider, "an f64 model's outputs are not rounded to f32");

        // f64 first, then f32, used interleaved
        DynamicsArtifacts.Loaded a64 = DynamicsArtifacts.load(f64), a32 = DynamicsArtifacts.load(f32);
        assertArrayEquals(ref64, predict(a64), 0.0);
        assertArrayEquals(ref32, predict(a32), 0.0);
        assertArrayEquals(ref64, predict(a64), 0.0);
        // f32 first, then f64, and a process default of f64 changes neither
        Nd4jRuntime.configure(Precision.F64, 1);
        DynamicsArtifacts.Loaded b32 = DynamicsArtifacts.load(f32), b64 = DynamicsArtifacts.load(f64);
        assertArrayEquals(ref32, predict(b32), 0.0);
        assertArrayEquals(ref64, predict(b64), 0.0);
        assertArrayEquals(ref32, predict(b32), 0.0);
        Nd4jRuntime.configure(Precision.F32, 1);
    }
}
