package dev.valuekit.dynamics;

import dev.valuekit.fit.HoldoutSplit;
import dev.valuekit.tensor.Param;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes a {@link TrainingTrace} into a directory as NumPy {@code .npy} files and CSV, for a second
 * implementation to replay: {@code init.<param>.npy} (float64, the parameters before the first step),
 * {@code train_rows.npy} / {@code holdout_rows.npy} (int32 row numbers of the input table),
 * {@code order.<epoch>.npy} (int32 {@code [members, trainRows]}), {@code steps.csv} (epoch, step, loss)
 * and {@code holdout.csv} (epoch, member, mse). Numbers in CSV are printed exactly (17 digits).
 */
public final class TrainingTraceFiles implements TrainingTrace, AutoCloseable {
    private final Path dir;
    private final BufferedWriter steps;
    private final BufferedWriter holdout;

    public TrainingTraceFiles(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.steps = Files.newBufferedWriter(dir.resolve("steps.csv"));
        this.holdout = Files.newBufferedWriter(dir.resolve("holdout.csv"));
        steps.write("epoch,step,loss\n");
        holdout.write("epoch,member,mse\n");
    }

    @Override public void start(DynamicsNetwork net, HoldoutSplit split) {
        for (Param p : net.params().list()) writeF64(dir.resolve("init." + p.name() + ".npy"), p.toDoubleArray(), p.shape());
        writeI32(dir.resolve("train_rows.npy"), split.train(), split.train().length);
        writeI32(dir.resolve("holdout_rows.npy"), split.holdout(), split.holdout().length);
    }

    @Override public void epoch(int epoch, int[][] order) {
        int[] flat = Arrays.stream(order).flatMapToInt(Arrays::stream).toArray();
        writeI32(dir.resolve("order." + epoch + ".npy"), flat, order.length, order[0].length);
    }

    @Override public void step(int epoch, int step, double loss) {
        line(steps, epoch + "," + step + "," + exact(loss));
    }

    @Override public void holdout(int epoch, double[] mse) {
        for (int m = 0; m < mse.length; m++) line(holdout, epoch + "," + m + "," + exact(mse[m]));
    }

    @Override public void close() throws IOException {
        steps.close();
        holdout.close();
    }

    private static String exact(double v) { return String.format(Locale.ROOT, "%.17g", v); }

    private static void line(BufferedWriter w, String s) {
        try {
            w.write(s);
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeF64(Path file, double[] v, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(v);
        write(file, "<f8", shape, b.array());
    }

    private static void writeI32(Path file, int[] v, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(v);
        write(file, "<i4", shape, b.array());
    }

    /** NumPy format 1.0: magic, header length, a Python-dict header padded to 64 bytes, raw data. */
    static void write(Path file, String descr, long[] shape, byte[] data) {
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        if (shape.length == 1) dims += ",";
        StringBuilder h = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }");
        while ((10 + h.length() + 1) % 64 != 0) h.append(' ');
        h.append('\n');
        byte[] header = h.toString().getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                    (byte) (header.length & 0xff), (byte) (header.length >> 8)});
            out.write(header);
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
