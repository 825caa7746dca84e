package dev.valuekit.adapt;

import dev.valuekit.common.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static dev.valuekit.adapt.Matrices.frobenius;
import static dev.valuekit.adapt.Matrices.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KroneckerSvdTest {
    @ParameterizedTest(name = "{0}x{1} (x) {2}x{3}")
    @CsvSource({"4,3,5,6", "6,6,6,6", "2,8,7,3", "1,5,9,2"})
    void everyTruncationAttainsTheTailEnergyOptimum(int m1, int n1, int m2, int n2) {
        KroneckerShape sh = new KroneckerShape(m1, n1, m2, n2);
        INDArray w = Matrices.gaussian(sh.rows(), sh.cols(), 31L * m1 + n2);
        KroneckerDecomposition d = KroneckerSvd.decompose(w, sh);
        assertEquals(sh.maxRank(), d.terms());
        for (int k = 0; k <= d.terms(); k++) {
            double err = frobenius(w.sub(d.sum(k)));
            assertEquals(d.tailError(k), err, 1e-10, "K = " + k);
        }
        assertTrue(maxAbsDiff(d.sum(d.terms()), w) < 1e-12, "all terms reproduce W");
    }

    @Test
    void aKroneckerProductIsRecoveredAsOneTerm() {
        INDArray a = Matrices.gaussian(3, 4, 1), b = Matrices.gaussian(5, 2, 2);
        INDArray w = KroneckerSvd.kron(a, b);
        KroneckerDecomposition d = KroneckerSvd.decompose(w, new KroneckerShape(3, 4, 5, 2));
        assertEquals(frobenius(a) * frobenius(b), d.sigma()[0], 1e-12);
        assertTrue(d.sigma()[1] < 1e-12);
        assertTrue(maxAbsDiff(d.sum(1), w) < 1e-12);
    }

    @Test
    void kronMatchesTheDefinition() {
        INDArray a = Nd4j.create(new double[] {1, 2, 3, 4}, new long[] {2, 2}, DataType.DOUBLE);
        INDArray b = Nd4j.create(new double[] {0, 5, 6, 7}, new long[] {2, 2}, DataType.DOUBLE);
        double[] expected = {0, 5, 0, 10, 6, 7, 12, 14, 0, 15, 0, 20, 18, 21, 24, 28};
        assertEquals(0, maxAbsDiff(KroneckerSvd.kron(a, b), Nd4j.create(expected, new long[] {4, 4}, DataType.DOUBLE)));
    }

    @Test
    void defaultShapesUseTheDivisorNearestTheSquareRoot() {
        assertEquals(new KroneckerShape(8, 16, 8, 16), KroneckerShape.nearest(64, 256));
        assertEquals(new KroneckerShape(4, 1, 6, 7), KroneckerShape.nearest(24, 7)); // 7 is prime
        assertEquals(new KroneckerShape(2, 3, 3, 4), KroneckerShape.parse("2x3", 6, 12));
    }

    @Test
    void aShapeThatDoesNotDivideIsBadInput() {
        BadInputException e = assertThrows(BadInputException.class, () -> KroneckerShape.parse("5x3", 12, 12));
        assertTrue(e.getMessage().contains("does not divide"), e.getMessage());
        assertThrows(BadInputException.class, () -> KroneckerShape.parse("4by3", 12, 12));
    }
}
