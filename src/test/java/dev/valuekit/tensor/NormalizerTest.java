package dev.valuekit.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NormalizerTest {
    @Test
    void constantColumnGetsUnitStdAndNoNaN() {
        // columns: (1, 2, 3) and the constant (5, 5, 5)
        double[] data = {1, 5, 2, 5, 3, 5};
        Normalizer n = Normalizer.fit(data, 3, 2);
        assertArrayEquals(new double[] {2, 5}, n.mean(), 1e-15);
        assertArrayEquals(new double[] {1, 1}, n.std(), 1e-15);   // sample std of 1,2,3 is 1; constant → 1
        double[] x = data.clone();
        n.normalize(x);
        assertArrayEquals(new double[] {-1, 0, 0, 0, 1, 0}, x, 1e-15);
        n.denormalize(x);
        assertArrayEquals(data, x, 1e-15);
    }

    @Test
    void sampleStdAndRoundTripThroughArrays() {
        double[] data = {0, 10, 4, 30};           // columns (0, 4) and (10, 30)
        Normalizer n = Normalizer.fit(data, 2, 2);
        assertArrayEquals(new double[] {2, 20}, n.mean(), 1e-15);
        assertArrayEquals(new double[] {Math.sqrt(8), Math.sqrt(200)}, n.std(), 1e-12);
        Normalizer back = Normalizer.of(n.mean(), n.std());
        assertArrayEquals(n.std(), back.std(), 0);
        assertThrows(IllegalArgumentException.class, () -> Normalizer.of(new double[] {0}, new double[] {0}));
    }

    @Test
    void singleRowIsOnlyCentred() {
        Normalizer n = Normalizer.fit(new double[] {3, 4}, 1, 2);
        assertArrayEquals(new double[] {1, 1}, n.std(), 0);
    }
}
