package dev.valuekit.artifact;

import dev.valuekit.common.BadInputException;

/**
 * A model with a NaN or infinite parameter (a diverged run, a damaged file) makes every prediction
 * NaN, which reads downstream as "no result" with exit 0. Every command that uses a model refuses it
 * instead; only {@code inspect}, which reads files through {@link Inspection}, still shows it.
 */
final class FiniteWeights {
    private FiniteWeights() {}

    static void require(Artifact a, String source) {
        for (Tensor t : a.tensors().values()) {
            double[] d = t.data();
            for (int i = 0; i < d.length; i++) {
                if (!Double.isFinite(d[i])) {
                    throw BadInputException.inFile("tensor '" + t.name() + "' holds a non-finite value (" + d[i] + " at flat index "
                            + i + ")", source, "the model diverged or the file is damaged; retrain it ('valuekit inspect FILE' still shows it)");
                }
            }
        }
    }
}
