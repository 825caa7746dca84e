package dev.valuekit.cltv;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SpecialFunctionsTest {

    @Test
    void lnGammaAtKnownPoints() {
        assertEquals(0.0, SpecialFunctions.lnGamma(1), 1e-13);
        assertEquals(Math.log(24), SpecialFunctions.lnGamma(5), 1e-13);
        assertEquals(0.5 * Math.log(Math.PI), SpecialFunctions.lnGamma(0.5), 1e-13);
        assertEquals(Math.log(3628800.0) + Math.log(11), SpecialFunctions.lnGamma(12), 1e-12);
        // Γ(1e-3) ≈ 999.4237724845955
        assertEquals(Math.log(999.4237724845955), SpecialFunctions.lnGamma(1e-3), 1e-12);
    }

    @Test
    void digammaAtKnownPoints() {
        double euler = 0.5772156649015329;
        assertEquals(-euler, SpecialFunctions.digamma(1), 1e-13);
        assertEquals(-euler - 2 * Math.log(2), SpecialFunctions.digamma(0.5), 1e-13);
        assertEquals(1 + 0.5 + 1.0 / 3 - euler, SpecialFunctions.digamma(4), 1e-13);
    }

    @Test
    void hypergeometricClosedForms() {
        // ₂F₁(1, 1; 2; z) = −ln(1−z)/z ; ₂F₁(a, b; b; z) = (1−z)^−a.
        assertEquals(-Math.log(1 - 0.9) / 0.9, SpecialFunctions.hyp2f1(1, 1, 2, 0.9), 1e-12);
        assertEquals(Math.pow(1 - 0.5, -2.5), SpecialFunctions.hyp2f1(2.5, 3, 3, 0.5), 1e-12);
    }

    @Test
    void normalQuantile() {
        assertEquals(0.0, SpecialFunctions.normalQuantile(0.5), 1e-12);
        assertEquals(1.959963984540054, SpecialFunctions.normalQuantile(0.975), 1e-8);
        assertEquals(-2.3263478740408408, SpecialFunctions.normalQuantile(0.01), 1e-8);
        assertEquals(-1.2815515655446004, SpecialFunctions.normalQuantile(0.1), 1e-8);
    }
}
