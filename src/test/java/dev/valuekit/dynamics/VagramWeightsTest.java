package dev.valuekit.dynamics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** VaGraM weights: |gradient| clipped per dimension at the 95th percentile of the training rows. */
class VagramWeightsTest {
    @Test
    void clipsEachDimensionAtItsOwnPercentileOfTrainingRows() {
        // 6 rows x 2 dims; rows 0..4 train, row 5 held out (its huge values must not move the bounds)
        double[] g = {
            1, -10,
            -2, 20,
            3, -30,
            -4, 40,
            5, -50,
            -100, 1000};
        VagramWeights w = VagramWeights.clipped(g, 2, new int[] {0, 1, 2, 3, 4}, 95);
        // dim 0 magnitudes 1..5: position 0.95*4 = 3.8 -> 4 + 0.8*(5-4) = 4.8; dim 1: 40 + 0.8*10 = 48
        assertArrayEquals(new double[] {4.8, 48}, w.bounds(), 1e-12);
        assertArrayEquals(new double[] {1, 10, 2, 20, 3, 30, 4, 40, 4.8, 48, 4.8, 48}, w.weights(), 1e-12);
        assertArrayEquals(new double[] {(1 + 2 + 3 + 4 + 4.8) / 5, (10 + 20 + 30 + 40 + 48) / 5.0},
                w.mean(new int[] {0, 1, 2, 3, 4}), 1e-12);
    }

    @Test
    void percentileInterpolatesLikeNumpy() {
        // numpy.percentile([3, 1, 2], 50) = 2; ([1, 2, 3, 4], 95) = 3.85
        assertEquals(2, VagramWeights.percentile(new double[] {3, 1, 2}, 50), 1e-12);
        assertEquals(3.85, VagramWeights.percentile(new double[] {4, 3, 2, 1}, 95), 1e-12);
        assertEquals(7, VagramWeights.percentile(new double[] {7}, 95), 1e-12);
    }
}
