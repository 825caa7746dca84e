package dev.valuekit.adapt;

import dev.valuekit.common.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import static dev.valuekit.adapt.Matrices.maxAbs;
import static dev.valuekit.adapt.Matrices.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdapterInitTest {
    private static final int OUT = 48, IN = 36;

    @ParameterizedTest
    @EnumSource(AdapterMethod.class)
    void everyMethodReproducesTheWeightAfterInit(AdapterMethod method) {
        INDArray w = Matrices.gaussian(OUT, IN, 3);
        LayerAdapter ad = AdapterInit.init("layer", w, AdapterOptions.of(method, 4, 1).withAlpha(8));
        assertTrue(ad.maxReconstructionError() < 1e-12, method + ": error " + ad.maxReconstructionError());
        assertEquals(ad.maxReconstructionError(), maxAbsDiff(ad.merged(), w), 0);
        if (method.changesBase()) assertTrue(maxAbsDiff(ad.residual(), w) > 0.1, "part of W moved into the adapter");
        else assertEquals(0, maxAbsDiff(ad.residual(), w));
    }

    @Test
    void pissaTakesThePrincipalAndSomaTheMinorComponents() {
        double[] sigma = new double[IN];
        for (int i = 0; i < IN; i++) sigma[i] = 10.0 / (1 + i);
        INDArray w = Matrices.withSpectrum(OUT, IN, sigma, 8);
        int r = 3;
        double alpha = 6; // s = 2
        LowRankAdapter pissa = (LowRankAdapter) AdapterInit.init("l", w, AdapterOptions.of(AdapterMethod.PISSA, r, 1).withAlpha(alpha));
        LowRankAdapter soma = (LowRankAdapter) AdapterInit.init("l", w, AdapterOptions.of(AdapterMethod.SOMA, r, 1).withAlpha(alpha));
        assertArrayEquals(new long[] {r, IN}, pissa.a().shape());
        assertArrayEquals(new long[] {OUT, r}, pissa.b().shape());
        assertEquals(2.0, pissa.scaling());
        // ‖A row i‖ = √(σᵢ/s) since Vh rows are unit vectors
        for (int i = 0; i < r; i++) {
            assertEquals(Math.sqrt(sigma[i] / 2), pissa.a().getRow(i).norm2Number().doubleValue(), 1e-10);
            assertEquals(Math.sqrt(sigma[IN - r + i] / 2), soma.a().getRow(i).norm2Number().doubleValue(), 1e-10);
        }
        // the residual keeps exactly the other components
        double[] resP = Svd.full(pissa.residual()).singularValues();
        double[] resS = Svd.full(soma.residual()).singularValues();
        assertEquals(sigma[r], resP[0], 1e-10);
        assertEquals(sigma[0], resS[0], 1e-10);
        assertEquals(sigma[IN - r - 1], resS[IN - r - 1], 1e-10);
        assertEquals(0, resS[IN - 1], 1e-10);
        LowRankAdapter milora = (LowRankAdapter) AdapterInit.init("l", w, AdapterOptions.of(AdapterMethod.MILORA, r, 1).withAlpha(alpha));
        assertEquals(0, maxAbsDiff(milora.delta(), soma.delta()), 1e-12);
    }

    @Test
    void loraUsesPeftsKaimingUniformBoundAndZeroB() {
        INDArray w = Matrices.gaussian(OUT, IN, 1);
        LowRankAdapter ad = (LowRankAdapter) AdapterInit.init("l", w, AdapterOptions.of(AdapterMethod.LORA, 8, 5));
        double bound = 1 / Math.sqrt(IN);
        assertTrue(maxAbs(ad.a()) <= bound);
        assertTrue(maxAbs(ad.a()) > 0.9 * bound, "uniform over the whole interval");
        assertEquals(0, maxAbs(ad.b()));
        LowRankAdapter again = (LowRankAdapter) AdapterInit.init("l", w, AdapterOptions.of(AdapterMethod.LORA, 8, 5));
        assertEquals(0, maxAbsDiff(ad.a(), again.a()), "seeded");
    }

    @Test
    void sokaFactorsAreTheLeadingKroneckerTerms() {
        INDArray w = Matrices.gaussian(24, 12, 2);
        KroneckerAdapter ad = assertInstanceOf(KroneckerAdapter.class,
                AdapterInit.init("l", w, AdapterOptions.of(AdapterMethod.SOKA, 3, 1).withKron("4x3")));
        assertArrayEquals(new long[] {3, 4, 3}, ad.a().shape());
        assertArrayEquals(new long[] {3, 6, 4}, ad.b().shape());
        KroneckerDecomposition d = KroneckerSvd.decompose(w, ad.shape());
        assertTrue(maxAbsDiff(ad.delta(), d.sum(3)) < 1e-12);
        assertEquals(d.tailError(3), Matrices.frobenius(ad.residual()), 1e-10);
        assertEquals(3L * (12 + 24), ad.trainableParameters());
    }

    @Test
    void randomizedPissaMatchesFullPissaOnALowRankMatrix() {
        double[] sigma = {9, 7, 5, 3, 1e-3, 1e-4};
        INDArray w = Matrices.withSpectrum(60, 40, sigma, 3);
        LayerAdapter full = AdapterInit.init("l", w, AdapterOptions.of(AdapterMethod.PISSA, 4, 1));
        LayerAdapter rnd = AdapterInit.init("l", w, AdapterOptions.of(AdapterMethod.PISSA, 4, 1).withSvd(SvdMode.RANDOMIZED));
        assertTrue(maxAbsDiff(full.delta(), rnd.delta()) < 1e-9);
        assertTrue(rnd.maxReconstructionError() < 1e-12);
    }

    @Test
    void minorMethodsRefuseRandomizedSvd() {
        INDArray w = Matrices.gaussian(20, 10, 1);
        for (AdapterMethod m : new AdapterMethod[] {AdapterMethod.SOMA, AdapterMethod.MILORA}) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> AdapterInit.init("l", w, AdapterOptions.of(m, 2, 1).withSvd(SvdMode.RANDOMIZED)));
            assertTrue(e.getMessage().startsWith("randomized SVD finds only the dominant subspace; minor-component methods (soma, milora) need --svd full"),
                    e.getMessage());
        }
    }

    @Test
    void rankBeyondTheMatrixIsBadInput() {
        INDArray w = Matrices.gaussian(20, 10, 1);
        BadInputException e = assertThrows(BadInputException.class, () -> AdapterInit.init("fc1", w, AdapterOptions.of(AdapterMethod.PISSA, 11, 1)));
        assertTrue(e.getMessage().contains("rank 11 is outside 1..10 for layer fc1"), e.getMessage());
        assertThrows(BadInputException.class, () -> AdapterInit.init("fc1", w, AdapterOptions.of(AdapterMethod.SOKA, 9, 1).withKron("4x2")));
        assertThrows(BadInputException.class, () -> AdapterInit.init("fc1", w, AdapterOptions.of(AdapterMethod.LORA, 0, 1)));
    }
}
