package dev.valuekit.cltv;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GammaGammaTest {

    @Test
    void likelihoodOfAHandComputedCase() {
        // p = 1, q = 2, v = 3, x = 1, m = 2: Γ(3)/(Γ(1)Γ(2)) · 3² · 2⁰ · 1 / (2+3)³ = 2·9/125.
        GammaGamma g = new GammaGamma(1, 2, 3);
        assertEquals(Math.log(18.0 / 125), g.logLikelihood(1, 2), 1e-12);
        // x = 2, m = 1: Γ(4)/(Γ(2)Γ(2)) · 9 · 1 · 2² / (2+3)⁴ = 6·9·4/625.
        assertEquals(Math.log(216.0 / 625), g.logLikelihood(2, 1), 1e-12);
    }

    @Test
    void conditionalSpendShrinksTowardsThePopulationMean() {
        GammaGamma g = new GammaGamma(6.25, 3.74, 15.44);
        double population = 6.25 * 15.44 / (3.74 - 1);
        assertEquals(population, g.conditionalExpectedValue(0, 0), 1e-12);
        // weights (q−1)/(px+q−1) on the population mean and px/(px+q−1) on the own mean.
        double w = 6.25 * 3 / (6.25 * 3 + 3.74 - 1);
        assertEquals((1 - w) * population + w * 50, g.conditionalExpectedValue(3, 50), 1e-9);
    }

    @Test
    void analyticGradientMatchesFiniteDifferences() {
        double[] x = {1, 2, 5, 3}, m = {10, 25.5, 40, 7};
        var f = GammaGammaFit.negLogLik(x, m);
        double[] theta = {Math.log(2), Math.log(3), Math.log(12)};
        double[] g = new double[3];
        f.valueAndGradient(theta, g);
        for (int k = 0; k < 3; k++) {
            double[] up = theta.clone(), down = theta.clone();
            up[k] += 1e-6;
            down[k] -= 1e-6;
            assertEquals((f.value(up) - f.value(down)) / 2e-6, g[k], 1e-6);
        }
    }

    @Test
    void zeroSpendRepeatBuyersAreLeftOutAndCounted() {
        double[] x = {1, 2, 5, 3, 0, 2}, m = {10, 25.5, 40, 7, 0, 0};
        GammaGammaFit withZero = GammaGammaFit.fit(x, m);
        GammaGammaFit without = GammaGammaFit.fit(new double[]{1, 2, 5, 3}, new double[]{10, 25.5, 40, 7});
        assertEquals(4, withZero.repeatBuyers());
        assertEquals(1, withZero.zeroSpendRepeatBuyers());
        assertEquals(without.logLikelihood(), withZero.logLikelihood(), 1e-9);
    }
}
