package dev.valuekit.adapt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static dev.valuekit.adapt.Matrices.frobenius;
import static dev.valuekit.adapt.Matrices.maxAbs;
import static dev.valuekit.adapt.Matrices.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvdTest {
    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"64,64", "120,40", "40,120", "1,7", "7,1", "257,130"})
    void fullSvdReconstructsToMachinePrecision(int m, int n) {
        INDArray w = Matrices.gaussian(m, n, 11L * m + n);
        SvdResult r = Svd.full(w);
        int k = Math.min(m, n);
        assertArrayEquals(new long[] {m, k}, r.u().shape());
        assertArrayEquals(new long[] {k, n}, r.vt().shape());
        double err = maxAbsDiff(r.reconstruct(), w);
        assertTrue(err < 1e-12, "reconstruction error " + err);
        assertTrue(maxAbsDiff(r.u().transpose().mmul(r.u()), Nd4j.eye(k).castTo(DataType.DOUBLE)) < 1e-12, "U orthonormal");
        assertTrue(maxAbsDiff(r.vt().mmul(r.vt().transpose()), Nd4j.eye(k).castTo(DataType.DOUBLE)) < 1e-12, "V orthonormal");
        double[] s = r.singularValues();
        for (int i = 1; i < s.length; i++) assertTrue(s[i - 1] >= s[i], "descending");
    }

    @Test
    void fullSvdRecoversAKnownSpectrumIncludingTheSmallestValues() {
        double[] sigma = {50, 20, 7, 3, 1, 1e-3, 1e-6};
        INDArray w = Matrices.withSpectrum(90, 30, sigma, 5);
        double[] s = Svd.full(w).singularValues();
        for (int i = 0; i < sigma.length; i++) assertEquals(sigma[i], s[i], 1e-12, "sigma " + i);
        for (int i = sigma.length; i < s.length; i++) assertEquals(0, s[i], 1e-12);
    }

    @Test
    void floatInputIsDecomposedInDoublePrecision() {
        INDArray w = Matrices.gaussian(20, 10, 3).castTo(DataType.FLOAT);
        SvdResult r = Svd.full(w);
        assertEquals(DataType.DOUBLE, r.u().dataType());
        assertTrue(maxAbsDiff(r.reconstruct(), w.castTo(DataType.DOUBLE)) < 1e-12);
    }

    @Test
    void minorAndPrincipalSlicesPartitionTheMatrix() {
        INDArray w = Matrices.gaussian(30, 20, 9);
        SvdResult r = Svd.full(w);
        INDArray sum = r.principal(12).reconstruct().add(r.minor(8).reconstruct());
        assertTrue(maxAbsDiff(sum, w) < 1e-12);
        assertEquals(r.singularValues()[19], r.minor(1).singularValues()[0], 0);
    }

    @Test
    void randomizedSvdIsWithinOnePercentOfTheOptimumAtTwoPowerIterations() {
        int m = 600, n = 400, k = 16;
        double[] sigma = new double[n];
        for (int i = 0; i < n; i++) sigma[i] = 1.0 / (1 + i); // slow (harmonic) decay: a hard case
        INDArray w = Matrices.withSpectrum(m, n, sigma, 21);
        SvdResult r = Svd.randomized(w, RandomizedSvdOptions.of(k, 7));
        assertEquals(k, r.rank());
        double err = frobenius(w.sub(r.reconstruct()));
        double optimum = Matrices.tail(sigma, k);
        assertTrue(err <= 1.01 * optimum, "error " + err + " vs optimum " + optimum + " ratio " + err / optimum);
        double[] s = r.singularValues();
        for (int i = 0; i < 4; i++) assertEquals(sigma[i], s[i], 1e-3 * sigma[i]);
    }

    @Test
    void randomizedSvdIsRepeatableForASeed() {
        INDArray w = Matrices.gaussian(80, 60, 2);
        SvdResult a = Svd.randomized(w, RandomizedSvdOptions.of(5, 42));
        SvdResult b = Svd.randomized(w, RandomizedSvdOptions.of(5, 42));
        assertEquals(0, maxAbs(a.u().sub(b.u())));
        assertEquals(0, maxAbs(a.vt().sub(b.vt())));
    }

    @Test
    void randomizedSvdWithoutPowerIterationsIsWorseOnSlowDecay() {
        double[] sigma = new double[200];
        for (int i = 0; i < sigma.length; i++) sigma[i] = 1.0 / Math.sqrt(1 + i);
        INDArray w = Matrices.withSpectrum(300, 200, sigma, 4);
        double e0 = frobenius(w.sub(Svd.randomized(w, new RandomizedSvdOptions(8, 10, 0, 1)).reconstruct()));
        double e2 = frobenius(w.sub(Svd.randomized(w, new RandomizedSvdOptions(8, 10, 2, 1)).reconstruct()));
        assertTrue(e2 < e0, "power iterations should help: q=0 " + e0 + ", q=2 " + e2);
    }
}
