package dev.valuekit.cltv;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BgNbdTest {

    @Test
    void likelihoodOfHandComputedCases() {
        // r = α = a = b = 1, x = 0, T = 1: L = B(1,1)/B(1,1) · Γ(1)/Γ(1) · 1 / (1+1) = 1/2.
        BgNbd unit = new BgNbd(1, 1, 1, 1);
        assertEquals(Math.log(0.5), unit.logLikelihood(0, 0, 1), 1e-12);
        // x = 1, t_x = 1, T = 2: B(1,2)/B(1,1)·3^-2 + B(2,1)/B(1,1)·2^-2 = 1/18 + 1/8 = 13/72.
        assertEquals(Math.log(13.0 / 72), unit.logLikelihood(1, 1, 2), 1e-12);
        // r=2, α=3, a=2, b=3, x=2, t_x=4, T=6: Γ(4)/Γ(2)·3² = 54; B(2,3)=1/12, B(2,5)=1/30, B(3,4)=1/60:
        // L = 54 · (12/30 · 9^-4 + 12/60 · 7^-4).
        BgNbd m = new BgNbd(2, 3, 2, 3);
        assertEquals(Math.log(54 * (0.4 / 6561 + 0.2 / 2401)), m.logLikelihood(2, 4, 6), 1e-12);
    }

    @Test
    void fitOnATinyDataSetMaximisesTheLikelihood() {
        double[] x = {0, 0, 1, 2, 3, 0, 5, 1, 0, 2};
        double[] tx = {0, 0, 3, 5, 8, 0, 9, 1, 0, 4};
        double[] t = {10, 8, 10, 9, 10, 6, 10, 7, 5, 9};
        BgNbdFit f = BgNbdFit.fit(x, tx, t);
        double[] theta = {Math.log(f.model().r()), Math.log(f.model().alpha()), Math.log(f.model().a()), Math.log(f.model().b())};
        double[] g = new double[4];
        double nll = BgNbdFit.negLogLik(Histories.grouped(x, tx, t)).valueAndGradient(theta, g);
        assertEquals(-f.logLikelihood(), nll, 1e-9);
        // At an interior maximum every direction in log-parameter space goes downhill.
        for (int k = 0; k < 4; k++) {
            for (double step : new double[]{-1e-3, 1e-3}) {
                double[] th = theta.clone();
                th[k] += step;
                assertTrue(BgNbdFit.negLogLik(Histories.grouped(x, tx, t)).value(th) >= nll - 1e-9, "parameter " + k);
            }
        }
    }

    @Test
    void analyticGradientMatchesFiniteDifferences() {
        Histories h = Histories.grouped(new double[]{0, 1, 4, 0, 7}, new double[]{0, 2.5, 20, 0, 30}, new double[]{30, 25, 35, 3, 31});
        var f = BgNbdFit.negLogLik(h);
        double[] theta = {Math.log(0.3), Math.log(5), Math.log(0.8), Math.log(2.5)};
        double[] g = new double[4];
        f.valueAndGradient(theta, g);
        for (int k = 0; k < 4; k++) {
            double[] up = theta.clone(), down = theta.clone();
            up[k] += 1e-6;
            down[k] -= 1e-6;
            double numeric = (f.value(up) - f.value(down)) / 2e-6;
            assertEquals(numeric, g[k], 1e-6 * Math.max(1, Math.abs(numeric)));
        }
    }

    @Test
    void probabilityAliveFollowsTheClosedForm() {
        BgNbd m = new BgNbd(0.243, 4.414, 0.793, 2.426);
        assertEquals(1.0, m.probabilityAlive(0, 0, 30));
        double odds = 0.793 / (2.426 + 2 - 1) * Math.pow((4.414 + 38) / (4.414 + 10), 0.243 + 2);
        assertEquals(1 / (1 + odds), m.probabilityAlive(2, 10, 38), 1e-12);
        // The later the last purchase, the likelier alive.
        assertTrue(m.probabilityAlive(2, 37, 38) > m.probabilityAlive(2, 10, 38));
    }

    @Test
    void expectedPurchasesAgreeWithDirectIntegration() {
        BgNbd m = new BgNbd(0.243, 4.414, 0.793, 2.426);
        double[][] cases = {{0, 0, 38.86, 39}, {2, 30.43, 38.86, 39}, {5, 10, 30, 52}, {1, 1, 2, 10}};
        for (double[] c : cases) {
            assertEquals(integrated(m, c[3], c[0], c[1], c[2]), m.expectedPurchases(c[3], c[0], c[1], c[2]), 1e-6, java.util.Arrays.toString(c));
        }
        assertEquals(0.0, m.expectedPurchases(0, 2, 3, 4));
    }

    @Test
    void expectedPurchasesMatchScipyReference() {
        // (x, t_x, T, horizon, E[Y]) from FHL eq. 10 evaluated with scipy.special.hyp2f1 (scipy 1.17).
        BgNbd m = new BgNbd(0.243, 4.414, 0.793, 2.426);
        double[][] ref = {{2, 30.43, 38.86, 39, 1.226028174767135}, {0, 0, 38.86, 39, 0.19509805201125396},
                {5, 10, 30, 52, 0.44700915567980865}, {20, 37, 38, 104, 27.8267918213118}, {1, 1, 2, 500, 10.638882341676695}};
        for (double[] c : ref) assertEquals(c[4], m.expectedPurchases(c[3], c[0], c[1], c[2]), 1e-10 * c[4]);
    }

    /**
     * Independent route: given alive, λ ~ Gamma(r+x, α+T) and p ~ Beta(a, b+x); with λ, p fixed the
     * expected count in h is (1 − e^{−λph})/p, whose λ-average is (1 − ((α+T)/(α+T+ph))^(r+x))/p.
     * The p-average is done numerically after p = u^(1/a), which removes the p^(a−1) singularity.
     */
    private static double integrated(BgNbd m, double h, double x, double tx, double t) {
        double a = m.a(), bb = m.b() + x, k = m.r() + x, s = m.alpha() + t;
        int n = 200_000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double u = (i + 0.5) / n, p = Math.pow(u, 1 / a);
            double f = (1 - Math.pow(s / (s + p * h), k)) / p;
            sum += f * Math.pow(1 - p, bb - 1);
        }
        double integral = sum / n / a / Math.exp(SpecialFunctions.lnBeta(a, bb));
        return m.probabilityAlive(x, tx, t) * integral;
    }

    @Test
    void purchaseProbabilityIsAliveTimesPoissonClock() {
        BgNbd m = new BgNbd(0.5, 3, 1.2, 2);
        double none = Math.pow((3 + 20.0) / (3 + 20 + 10), 0.5 + 3);
        assertEquals(m.probabilityAlive(3, 15, 20) * (1 - none), m.probabilityPurchase(10, 3, 15, 20), 1e-12);
    }
}
