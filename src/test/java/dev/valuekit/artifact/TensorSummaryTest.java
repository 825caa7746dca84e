package dev.valuekit.artifact;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class TensorSummaryTest {
    @Test
    void statisticsOverFiniteValues() {
        TensorSummary s = TensorSummary.of(new Tensor("w", DType.F64, new long[] {2, 3},
                new double[] {3, -1, Double.NaN, 4, Double.POSITIVE_INFINITY, 0}));
        assertEquals(-1, s.min());
        assertEquals(1.5, s.mean());
        assertEquals(4, s.max());
        assertEquals(2, s.nonFinite());
        assertEquals(6, s.params());
    }

    @Test
    void emptyAndAllNonFiniteHaveNoStatistics() {
        TensorSummary e = TensorSummary.of(new Tensor("e", DType.F32, new long[] {0}, new double[0]));
        assertTrue(Double.isNaN(e.min()) && Double.isNaN(e.mean()) && Double.isNaN(e.max()));
        assertEquals(0, e.nonFinite());
        TensorSummary n = TensorSummary.of(new Tensor("n", DType.F32, new long[] {1}, new double[] {Double.NaN}));
        assertTrue(Double.isNaN(n.mean()));
        assertEquals(1, n.nonFinite());
    }

    @Test
    void meanOfHugeValuesDoesNotOverflow() {
        double m = Double.MAX_VALUE;
        TensorSummary s = TensorSummary.of(new Tensor("h", DType.F64, new long[] {3}, new double[] {m, m, m}));
        assertEquals(m, s.mean(), m * 1e-15);
    }
}
