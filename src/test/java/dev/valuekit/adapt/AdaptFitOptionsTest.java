package dev.valuekit.adapt;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SoMA's weight-decay schedule: cosine from the start value to the end value over all steps. */
class AdaptFitOptionsTest {
    private final AdaptFitOptions o = new AdaptFitOptions(null, null, null, 1e-3, 10, 32, 0.1, 5, 0.05, 1e-5, 0);

    @Test
    void cosineAnnealsFromStartToEnd() {
        assertEquals(0.05, o.weightDecay(0, 100), 1e-15);
        assertEquals((0.05 + 1e-5) / 2, o.weightDecay(50, 100), 1e-15);
        assertEquals(1e-5 + 0.5 * (0.05 - 1e-5) * (1 + Math.cos(Math.PI / 4)), o.weightDecay(25, 100), 1e-15);
        assertEquals(1e-5, o.weightDecay(100, 100), 1e-15);
        assertEquals(1e-5, o.weightDecay(150, 100), 1e-15, "held at the end value past the last step");
    }
}
