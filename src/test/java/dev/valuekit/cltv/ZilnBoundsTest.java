package dev.valuekit.cltv;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZilnBoundsTest {
    @Test
    void boundsComeFromTheSpendersLogLabels() {
        // ln y of the spenders: ln 1 = 0, ln e² = 2 → mean 1, population sd 1; zeros only count for the maximum.
        ZilnBounds b = ZilnBounds.fromLabels(new double[] {0, 1, Math.exp(2), 0});
        assertEquals(1.0, b.sigmaMax(), 1e-12);
        assertEquals(0.0, b.muMin(), 1e-12);
        assertEquals(2.0, b.muMax(), 1e-12);
        assertEquals(Math.exp(2), b.ltvMax(), 1e-12);
    }

    @Test
    void wildLogitsGiveFiniteCappedPredictions() {
        ZilnBounds b = ZilnBounds.fromLabels(new double[] {0, 1, Math.exp(2), 0});
        // σ-logit 50 → unbounded mean sigmoid(3)·exp(40 + 50²/2) = ∞; bounded: min(·, e²).
        assertTrue(Double.isInfinite(Ziln.expectedValue(3, 40, 50)));
        assertEquals(Math.exp(2), b.expectedValue(3, 40, 50), 1e-12);
        assertEquals(Math.exp(2), b.quantile(0.9, 3, 40, 50), 1e-12);
        // Inside the bounds nothing changes.
        assertEquals(Ziln.expectedValue(0.2, 0.5, -0.5), b.expectedValue(0.2, 0.5, -0.5), 1e-15);
        assertEquals(Ziln.quantile(0.9, 0.2, 0.5, -0.5), b.quantile(0.9, 0.2, 0.5, -0.5), 1e-15);
        // μ below the smallest spend is lifted to it: median of a sure spender with tiny σ → e⁰.
        assertEquals(1.0, b.quantile(0.5, 30, -9, -30), 1e-6);
    }

    @Test
    void cappedSigmaStopsTheGradientLikeTheFloor() {
        double[] g = new double[3];
        double capped = Ziln.lossAndGradient(2.0, 0.3, 0.1, 5, 1.0, g);
        assertEquals(0.0, g[2]);
        assertEquals(Ziln.loss(2.0, 0.3, 0.1, 9, 1.0), capped, 1e-12);
        // Below the cap the capped loss is the plain one.
        assertEquals(Ziln.loss(2.0, 0.3, 0.1, -1), Ziln.loss(2.0, 0.3, 0.1, -1, 1.0), 1e-15);
    }

    @Test
    void noSpendersMeansZeroValue() {
        ZilnBounds b = ZilnBounds.fromLabels(new double[] {0, 0});
        assertEquals(0.0, b.expectedValue(5, 3, 2));
    }

    @Test
    void calibrationScalesTheMeanAndQuantilesToTheHeldOutSpend() {
        ZilnBounds b = ZilnBounds.fromLabels(new double[] {0, 1, Math.exp(2), 0});
        double[] ev = {b.expectedValue(0.2, 0.5, -0.5), b.expectedValue(-1, 1.0, -1)};
        ZilnBounds c = b.calibrated(ev, new double[] {0.5 * ev[0], 0.5 * ev[1]});
        assertEquals(0.5, c.meanScale(), 1e-12);
        assertEquals(0.5 * ev[0], c.expectedValue(0.2, 0.5, -0.5), 1e-12);
        assertEquals(0.5 * b.quantile(0.9, 0.2, 0.5, -0.5), c.quantile(0.9, 0.2, 0.5, -0.5), 1e-12);
        // the cap still binds after scaling up
        assertEquals(Math.exp(2), b.calibrated(ev, new double[] {100, 100}).expectedValue(3, 40, 50), 1e-12);
        // nothing to calibrate on: unchanged
        assertEquals(1.0, b.calibrated(ev, new double[] {0, 0}).meanScale());
        assertEquals(1.0, b.calibrated(new double[0], new double[0]).meanScale());
    }
}
