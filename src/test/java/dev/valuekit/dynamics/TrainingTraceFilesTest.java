package dev.valuekit.dynamics;

import dev.valuekit.table.Transitions;

import dev.valuekit.common.ProgressListener;
import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.Minibatches;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Param;
import dev.valuekit.tensor.Precision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trace is what another implementation replays in the swap test, so it must hold exactly what the
 * trainer used: the initial weights, the split, each epoch's row orders and the loss of each step.
 */
class TrainingTraceFilesTest {
    @BeforeAll
    static void runtime() { Nd4jRuntime.configure(Precision.F64, 1); }

    private static TrainOptions options() {
        return new TrainOptions(3, 2, 16, 2, Activation.SILU, TrainOptions.Loss.NLL, Termination.NONE, 0.2, 5000, 5, 2, 64,
                1e-3, TrainOptions.MBPO_WEIGHT_DECAY, false, 7, 0);
    }

    @Test
    void traceHoldsWhatTheTrainerUsedAndChangesNothing(@TempDir Path dir) throws Exception {
        Transitions data = DynamicsTrainerTest.linear(10, 30, 0.05, 3);
        TrainOptions o = options();
        TrainingResult traced;
        try (TrainingTraceFiles trace = new TrainingTraceFiles(dir)) {
            traced = DynamicsTrainer.train(data, o, CheckpointStore.NONE, ProgressListener.NONE, null, trace);
        }
        TrainingResult plain = DynamicsTrainer.train(data, o, CheckpointStore.NONE, ProgressListener.NONE);
        for (Param p : plain.network().params().list()) {
            assertArrayEquals(p.toDoubleArray(), traced.network().params().get(p.name()).toDoubleArray(), 0.0, p.name());
        }

        assertArrayEquals(traced.split().train(), ints(readNpy(dir.resolve("train_rows.npy"))));
        assertArrayEquals(traced.split().holdout(), ints(readNpy(dir.resolve("holdout_rows.npy"))));
        int n = traced.split().train().length;

        // initial weights: those of a fresh network with the same seed
        DynamicsNetwork fresh = new DynamicsNetwork(3, 2, 2, o.hiddenWidths(), Activation.SILU, true, false,
                traced.network().normalizer(), o.seed());
        for (Param p : fresh.params().list()) {
            Npy a = readNpy(dir.resolve("init." + p.name() + ".npy"));
            assertArrayEquals(p.shape(), a.shape, p.name());
            assertArrayEquals(p.toDoubleArray(), a.values, 0.0, p.name());
        }

        // each epoch: one permutation of the training rows per member
        for (int e = 1; e <= 2; e++) {
            Npy order = readNpy(dir.resolve("order." + e + ".npy"));
            assertArrayEquals(new long[] {3, n}, order.shape);
            for (int m = 0; m < 3; m++) {
                int[] row = Arrays.copyOfRange(ints(order), m * n, (m + 1) * n);
                Arrays.sort(row);
                for (int i = 0; i < n; i++) assertEquals(i, row[i], "epoch " + e + " member " + m + " is a permutation");
            }
        }

        // the first step's loss is the objective of the fresh network on the first minibatch of epoch 1
        List<String> steps = Files.readAllLines(dir.resolve("steps.csv"));
        int perEpoch = (n + 63) / 64;
        assertEquals(1 + 2 * perEpoch, steps.size());
        int[] order = ints(readNpy(dir.resolve("order.1.npy")));
        int b = Math.min(64, n);
        double[] xTrain = Minibatches.rows(data.obsAct(), 2, traced.split().train());
        double[] yTrain = Minibatches.rows(DynamicsTargets.of(data), 2, traced.split().train());
        traced.network().normalizer().normalize(xTrain);
        double[] x = new double[3 * b * 2], y = new double[3 * b * 2];
        for (int m = 0; m < 3; m++) {
            for (int i = 0; i < b; i++) {
                int r = order[m * n + i];
                System.arraycopy(xTrain, r * 2, x, (m * b + i) * 2, 2);
                System.arraycopy(yTrain, r * 2, y, (m * b + i) * 2, 2);
            }
        }
        INDArray out = fresh.body().forward(Nd4j.createFromArray(x).reshape(3, b, 2));
        double expected = fresh.nll().evaluate(out, Nd4j.createFromArray(y).reshape(3, b, 2)).loss();
        assertEquals("1,0," + String.format(java.util.Locale.ROOT, "%.17g", expected), steps.get(1));

        List<String> hold = Files.readAllLines(dir.resolve("holdout.csv"));
        assertEquals(1 + 2 * 3, hold.size());
        for (int i = 1; i < hold.size(); i++) {
            String[] f = hold.get(i).split(",");
            double logged = traced.log().get(Integer.parseInt(f[0]) - 1).holdoutMse()[Integer.parseInt(f[1])];
            assertEquals(logged, Double.parseDouble(f[2]), 0.0);
        }
    }

    private record Npy(long[] shape, double[] values) {}

    private static int[] ints(Npy a) {
        int[] v = new int[a.values.length];
        for (int i = 0; i < v.length; i++) v[i] = (int) a.values[i];
        return v;
    }

    /** A minimal reader of NumPy format 1.0 ('<f8' and '<i4', C order), written from the format's spec. */
    private static Npy readNpy(Path f) throws Exception {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        buf.get(magic);
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}, magic);
        assertEquals(1, buf.get());
        assertEquals(0, buf.get());
        int len = buf.getShort() & 0xffff;
        assertEquals(0, (10 + len) % 64, "header padded to 64 bytes");
        byte[] h = new byte[len];
        buf.get(h);
        String header = new String(h, StandardCharsets.US_ASCII);
        assertTrue(header.endsWith("\n") && header.contains("'fortran_order': False"), header);
        String dims = header.substring(header.indexOf("'shape': (") + 10, header.indexOf(')'));
        long[] shape = Arrays.stream(dims.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
        long count = Arrays.stream(shape).reduce(1, (p, q) -> p * q);
        double[] v = new double[(int) count];
        boolean f8 = header.contains("'descr': '<f8'");
        assertTrue(f8 || header.contains("'descr': '<i4'"), header);
        for (int i = 0; i < v.length; i++) v[i] = f8 ? buf.getDouble() : buf.getInt();
        assertEquals(0, buf.remaining());
        return new Npy(shape, v);
    }
}
