package dev.valuekit.adapt;

import dev.valuekit.artifact.Tensor;
import dev.valuekit.common.BadInputException;
import dev.valuekit.common.ProgressListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Full-SVD spectra of the 2-D tensors of a weights file, checked against the requested layers and rule. */
public final class SpectrumAnalysis {
    private SpectrumAnalysis() {}

    /**
     * @param layers tensor names to analyse, or null/empty for every 2-D tensor (others are listed as skipped)
     * @param rule   the user's rank rule, or null; a fixed rank is checked against every selected matrix first
     */
    public static SpectrumReport run(Map<String, Tensor> tensors, String source, List<String> layers, RankRule rule, int top,
                                     ProgressListener progress) {
        return run(tensors, source, layers, rule, top, progress, SpectrumAnalysis::isMatrix);
    }

    /**
     * Weight matrices of a valuekit model: 2-D tensors named {@code *.weight} only (the log-variance
     * bounds [1, d] are 2-D but not weights); use on {@link ModelMatrices#expand}ed tensors.
     */
    public static boolean isModelWeight(Tensor t) {
        return isMatrix(t) && (t.name().endsWith(".weight") || t.name().endsWith("]"));
    }

    /** @param matrix which tensors count as weight matrices (the others are skipped) */
    public static SpectrumReport run(Map<String, Tensor> tensors, String source, List<String> layers, RankRule rule, int top,
                                     ProgressListener progress, java.util.function.Predicate<Tensor> matrix) {
        List<Tensor> selected = new ArrayList<>();
        List<SpectrumReport.Skipped> skipped = new ArrayList<>();
        if (layers == null || layers.isEmpty()) {
            for (Tensor t : tensors.values()) {
                if (matrix.test(t)) selected.add(t);
                else skipped.add(new SpectrumReport.Skipped(t.name(), t.shape()));
            }
            if (selected.isEmpty()) {
                throw BadInputException.inFile("no 2-D tensor (weight matrix) in the file", source,
                        "pass a file with weight matrices; 'valuekit inspect FILE' lists its tensors");
            }
        } else {
            for (String name : layers) {
                Tensor t = tensors.get(name);
                if (t == null) {
                    throw BadInputException.inFile("layer '" + name + "' does not exist", source,
                            "name one of its 2-D tensors: " + matrixNames(tensors, matrix));
                }
                if (!matrix.test(t)) {
                    throw BadInputException.inFile("tensor '" + name + "' has shape " + Arrays.toString(t.shape()).replace(" ", "")
                            + ", not a 2-D weight matrix", source, "name one of its 2-D tensors: " + matrixNames(tensors, matrix));
                }
                selected.add(t);
            }
        }
        if (rule instanceof RankRule.Fixed f) {
            for (Tensor t : selected) {
                long k = Math.min(t.shape()[0], t.shape()[1]);
                if (f.r() < 1 || f.r() > k) {
                    throw BadInputException.inFile("rank " + f.r() + " is outside 1.." + k + " for layer '" + t.name() + "' of shape "
                            + t.shape()[0] + "x" + t.shape()[1], source, "choose --rank between 1 and min(rows, cols) = " + k);
                }
            }
        }
        List<Spectrum> spectra = new ArrayList<>();
        progress.start("full SVD of " + selected.size() + " matrices", selected.size());
        for (Tensor t : selected) {
            spectra.add(Spectrum.of(t.name(), Nd4j.create(t.data(), t.shape(), DataType.DOUBLE)));
            progress.advance(spectra.size());
        }
        progress.finish();
        return new SpectrumReport(source, spectra, skipped, rule, top);
    }

    public static boolean isMatrix(Tensor t) {
        return t.shape().length == 2 && t.shape()[0] > 0 && t.shape()[1] > 0;
    }

    private static String matrixNames(Map<String, Tensor> tensors, java.util.function.Predicate<Tensor> matrix) {
        String names = tensors.values().stream().filter(matrix).map(Tensor::name).limit(20)
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? "(none)" : names;
    }
}
