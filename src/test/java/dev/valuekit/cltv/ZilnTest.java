package dev.valuekit.cltv;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ZilnTest {
    // google/lifetime_value's test case: logits [[.1,.2,.3],[.4,.5,.6]], labels [0, 1.5].
    private static final double[][] LOGITS = {{.1, .2, .3}, {.4, .5, .6}};
    private static final double[] LABELS = {0, 1.5};

    @Test
    void lossMatchesReference() {
        assertEquals(0.744397, Ziln.loss(LABELS[0], LOGITS[0][0], LOGITS[0][1], LOGITS[0][2]), 1e-6);
        assertEquals(1.878373, Ziln.loss(LABELS[1], LOGITS[1][0], LOGITS[1][1], LOGITS[1][2]), 1e-6);
    }

    @Test
    void predictionMatchesReference() {
        // The reference prediction uses σ = softplus(l2) unfloored; at these logits the floor is inactive.
        assertEquals(0.923638, Ziln.expectedValue(.1, .2, .3), 1e-6);
        assertEquals(1.690755, Ziln.expectedValue(.4, .5, .6), 1e-6);
    }

    @Test
    void sigmaIsFlooredForVeryNegativeLogit() {
        assertEquals(Math.sqrt(1e-7), Ziln.sigma(-40), 1e-15);
        // Far below the floor the loss no longer depends on l2 and its gradient there is 0.
        double[] g = new double[3];
        Ziln.lossAndGradient(2.0, 0.3, 0.1, -40, g);
        assertEquals(0.0, g[2]);
        assertEquals(Ziln.loss(2.0, 0.3, 0.1, -40), Ziln.loss(2.0, 0.3, 0.1, -50), 1e-12);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        double[][] cases = {{0, .1, .2, .3}, {1.5, .4, .5, .6}, {120, -2, 3.5, -1}, {0.01, 3, -1, 2}, {0, -5, 1, 1}};
        double h = 1e-6;
        for (double[] c : cases) {
            double[] g = new double[3];
            double f = Ziln.lossAndGradient(c[0], c[1], c[2], c[3], g);
            assertEquals(Ziln.loss(c[0], c[1], c[2], c[3]), f, 1e-12);
            for (int k = 0; k < 3; k++) {
                double[] up = c.clone(), down = c.clone();
                up[k + 1] += h;
                down[k + 1] -= h;
                double numeric = (Ziln.loss(up[0], up[1], up[2], up[3]) - Ziln.loss(down[0], down[1], down[2], down[3])) / (2 * h);
                assertEquals(numeric, g[k], 1e-6 * Math.max(1, Math.abs(numeric)), "logit " + k + " of case " + java.util.Arrays.toString(c));
            }
        }
    }

    @Test
    void quantilesOfZeroInflatedLognormal() {
        // l0 = 0 → P(y > 0) = ½: every level up to ½ is 0.
        assertEquals(0.0, Ziln.quantile(0.1, 0, 1, 0.5));
        assertEquals(0.0, Ziln.quantile(0.5, 0, 1, 0.5));
        // q = 0.75 leaves mass ½ of the positive part: the lognormal median exp(μ).
        assertEquals(Math.E, Ziln.quantile(0.75, 0, 1, 0.5), 1e-9);
        // q = 0.9875 → positive-part level 0.975 → exp(μ + σ·1.959963985).
        double s = Ziln.sigma(0.5);
        assertEquals(Math.exp(1 + s * 1.959963984540054), Ziln.quantile(0.9875, 0, 1, 0.5), 1e-7);
    }
}
