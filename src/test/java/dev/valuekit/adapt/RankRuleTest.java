package dev.valuekit.adapt;

import dev.valuekit.common.BadInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankRuleTest {
    @Test
    void fixedRankIsValidatedAgainstTheSpectrumLength() {
        double[] s = {3, 2, 1};
        assertEquals(2, new RankRule.Fixed(2).choose(s));
        assertEquals(3, new RankRule.Fixed(3).choose(s));
        BadInputException e = assertThrows(BadInputException.class, () -> new RankRule.Fixed(4).choose(s));
        assertTrue(e.getMessage().contains("outside 1..3"), e.getMessage());
        assertThrows(BadInputException.class, () -> new RankRule.Fixed(0).choose(s));
    }

    @Test
    void energyRankIsTheSmallestPrefixReachingTheThreshold() {
        double[] s = {4, 2, 1, 1}; // energies 16, 4, 1, 1 of 22
        assertEquals(1, new RankRule.Energy(16.0 / 22).choose(s));
        assertEquals(2, new RankRule.Energy(16.0 / 22 + 1e-9).choose(s));
        assertEquals(2, new RankRule.Energy(0.9).choose(s)); // 20/22 = 0.909
        assertEquals(3, new RankRule.Energy(0.95).choose(s)); // 21/22 = 0.9545
        assertEquals(4, new RankRule.Energy(1.0).choose(s));
        assertEquals(1, new RankRule.Energy(1e-9).choose(s));
    }

    @Test
    void energyOutsideTheUnitIntervalIsBadInput() {
        for (double tau : new double[] {0, -0.1, 1.0000001, Double.NaN}) {
            BadInputException e = assertThrows(BadInputException.class, () -> new RankRule.Energy(tau));
            assertTrue(e.getMessage().contains("outside (0, 1]"), e.getMessage());
        }
    }

    @Test
    void elbowFindsTheKneeOfAPiecewiseLinearLogSpectrum() {
        // log σ falls by 1 per step for 10 steps, then by 0.05: the tail starts at index 10.
        double[] s = new double[60];
        for (int i = 0; i < s.length; i++) s[i] = Math.exp(i <= 10 ? -i : -10 - 0.05 * (i - 10));
        assertEquals(10, new RankRule.Elbow().choose(s));
    }

    @Test
    void elbowKeepsTheLargeValuesOfAStepSpectrum() {
        double[] s = new double[50];
        for (int i = 0; i < s.length; i++) s[i] = i < 5 ? 10 - 0.01 * i : 0.1 - 0.0001 * i;
        assertEquals(5, new RankRule.Elbow().choose(s));
    }

    @Test
    void elbowKeepsEverythingBeforeACliffAtTheEnd() {
        double[] s = {1, 0.99, 0.98, 0.97, 0.96, 1e-9};
        assertEquals(5, new RankRule.Elbow().choose(s));
    }

    @Test
    void elbowHandlesExactZerosAndTinySpectra() {
        assertEquals(2, new RankRule.Elbow().choose(new double[] {5, 4, 0, 0, 0, 0, 0, 0}));
        assertEquals(1, new RankRule.Elbow().choose(new double[] {2, 1}));
        assertEquals(1, new RankRule.Elbow().choose(new double[] {0, 0, 0}));
    }
}
