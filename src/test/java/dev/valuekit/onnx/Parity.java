package dev.valuekit.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agreement measure of the parity tests: {@code max |onnx − valuekit| / max |valuekit|} over one output,
 * the error relative to the output's scale. Not per element: both sides compute in float32 and round the
 * O(1) terms a near-zero output is summed from, so a value near 0 carries an absolute error of a few float32
 * ulps of those terms on either side (valuekit's own float32 forward is off from its float64 forward by as
 * much), and its relative error measures only that cancellation.
 */
final class Parity {
    static final double TOLERANCE = 1e-5;

    private Parity() {}

    static double maxRelativeError(double[] onnx, double[] reference) {
        assertEquals(reference.length, onnx.length, "element count");
        double scale = Double.MIN_NORMAL, worst = 0;
        for (int i = 0; i < onnx.length; i++) {
            assertTrue(Double.isFinite(onnx[i]), "non-finite ONNX output at " + i);
            scale = Math.max(scale, Math.abs(reference[i]));
            worst = Math.max(worst, Math.abs(onnx[i] - reference[i]));
        }
        return worst / scale;
    }

    /** Asserts agreement within {@link #TOLERANCE}; prints the measured error (the report quotes these lines). */
    static void check(String what, double[] onnx, double[] reference) {
        double e = maxRelativeError(onnx, reference);
        System.out.printf(java.util.Locale.ROOT, "onnx parity %-48s max relative error %.2e%n", what, e);
        assertTrue(e <= TOLERANCE, what + ": max relative error " + e + " > " + TOLERANCE);
    }
}
