package dev.valuekit.adapt;

import dev.valuekit.artifact.DType;
import dev.valuekit.artifact.SafetensorsWriter;
import dev.valuekit.artifact.Tensor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The small weights file the svd-adapt CLI tests and the bad-input corpus use
 * (testdata/bad/adapt-weights.safetensors): a PyTorch-style state dict with a 2-D weight of known
 * spectrum, a 1-D bias and a 3-D ensemble tensor. Regenerate with {@code main}.
 */
public final class AdaptTestData {
    /** Singular values of fc1.weight [6, 4]. */
    public static final double[] FC1_SIGMA = {8, 4, 0.5, 0.25};

    private AdaptTestData() {}

    public static byte[] weightsFile() throws IOException {
        double[] fc1 = Matrices.withSpectrum(6, 4, FC1_SIGMA, 3).data().asDouble();
        for (int i = 0; i < fc1.length; i++) fc1[i] = (float) fc1[i];
        double[] fc2 = Matrices.gaussian(3, 6, 4).data().asDouble();
        for (int i = 0; i < fc2.length; i++) fc2[i] = (float) fc2[i];
        double[] ens = new double[18];
        for (int i = 0; i < ens.length; i++) ens[i] = i * 0.5;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SafetensorsWriter.write(out, Map.of("format", "pt"), List.of(
                new Tensor("fc1.weight", DType.F32, new long[] {6, 4}, fc1),
                new Tensor("fc1.bias", DType.F32, new long[] {6}, new double[6]),
                new Tensor("fc2.weight", DType.F32, new long[] {3, 6}, fc2),
                new Tensor("ensemble.weight", DType.F64, new long[] {2, 3, 3}, ens)));
        return out.toByteArray();
    }

    public static void main(String[] args) throws IOException {
        Files.write(Path.of(args.length > 0 ? args[0] : "testdata/bad/adapt-weights.safetensors"), weightsFile());
    }
}
