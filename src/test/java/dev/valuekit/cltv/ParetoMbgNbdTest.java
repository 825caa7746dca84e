package dev.valuekit.cltv;

import dev.valuekit.table.Batch;
import dev.valuekit.testutil.SharedData;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pareto/NBD and MBG/NBD: hand-derived likelihoods, limits, and the published CDNOW-sample fits. */
class ParetoMbgNbdTest {
    /** ∫∫ f(λ, μ) Gamma(λ; r, α) Gamma(μ; s, β) dλ dμ by the midpoint rule on a log grid (the densities are smooth). */
    private static double mixture(double r, double alpha, double s, double beta, java.util.function.DoubleBinaryOperator f) {
        int n = 700;
        double lo = Math.log(1e-9), hi = Math.log(60), h = (hi - lo) / n, sum = 0;
        for (int i = 0; i < n; i++) {
            double lam = Math.exp(lo + (i + 0.5) * h);
            double dl = Math.exp(r * Math.log(alpha) + (r - 1) * Math.log(lam) - alpha * lam - SpecialFunctions.lnGamma(r)) * lam * h;
            for (int j = 0; j < n; j++) {
                double mu = Math.exp(lo + (j + 0.5) * h);
                double dm = Math.exp(s * Math.log(beta) + (s - 1) * Math.log(mu) - beta * mu - SpecialFunctions.lnGamma(s)) * mu * h;
                sum += f.applyAsDouble(lam, mu) * dl * dm;
            }
        }
        return sum;
    }

    @Test
    void paretoLikelihoodIsTheMixtureOfTheIndividualLikelihood() {
        // Given λ, μ: L = λ^x μ/(λ+μ) e^−(λ+μ)t_x + λ^(x+1)/(λ+μ) e^−(λ+μ)T (died in (t_x, T] or alive at T).
        double r = 1.3, alpha = 2.0, s = 1.5, beta = 3.0;
        ParetoNbd m = new ParetoNbd(r, alpha, s, beta);
        double[][] cases = {{0, 0, 2}, {2, 1.5, 4}, {1, 0.5, 0.5}};
        for (double[] c : cases) {
            double x = c[0], tx = c[1], t = c[2];
            double numeric = mixture(r, alpha, s, beta, (lam, mu) -> Math.pow(lam, x) * mu / (lam + mu) * Math.exp(-(lam + mu) * tx)
                    + Math.pow(lam, x + 1) / (lam + mu) * Math.exp(-(lam + mu) * t));
            assertEquals(Math.log(numeric), m.logLikelihood(x, tx, t), 2e-4, java.util.Arrays.toString(c));
            // P(alive) = the alive term's share of the likelihood.
            double alive = mixture(r, alpha, s, beta, (lam, mu) -> Math.pow(lam, x) * Math.exp(-(lam + mu) * t)) / numeric;
            assertEquals(alive, m.probabilityAlive(x, tx, t), 2e-4, java.util.Arrays.toString(c));
        }
        // α > β takes the other branch of A₀.
        ParetoNbd swapped = new ParetoNbd(0.8, 4.0, 0.7, 1.5);
        double numeric = mixture(0.8, 4.0, 0.7, 1.5, (lam, mu) -> lam * lam * mu / (lam + mu) * Math.exp(-(lam + mu) * 1.0)
                + lam * lam * lam / (lam + mu) * Math.exp(-(lam + mu) * 3.0));
        assertEquals(Math.log(numeric), swapped.logLikelihood(2, 1, 3), 2e-4);
    }

    @Test
    void paretoPredictionsMatchTheirDefinitions() {
        ParetoNbd m = new ParetoNbd(1.3, 2.0, 1.5, 3.0);
        double x = 2, tx = 1.5, t = 4, h = 2.5;
        // Given alive at T: λ ~ Gamma(r+x, α+T), μ ~ Gamma(s, β+T); expected purchases E[λ(1 − e^−μh)/μ].
        double e = mixture(1.3 + x, 2.0 + t, 1.5, 3.0 + t, (lam, mu) -> lam * -Math.expm1(-mu * h) / mu);
        assertEquals(e * m.probabilityAlive(x, tx, t), m.expectedPurchases(h, x, tx, t), 2e-4);
        double p = mixture(1.3 + x, 2.0 + t, 1.5, 3.0 + t, (lam, mu) -> lam / (lam + mu) * -Math.expm1(-(lam + mu) * h));
        assertEquals(p * m.probabilityAlive(x, tx, t), m.probabilityPurchase(h, x, tx, t), 2e-4);
        // s = 1 is the removable singularity of the expected purchases.
        ParetoNbd one = new ParetoNbd(1.3, 2.0, 1.0, 3.0), near = new ParetoNbd(1.3, 2.0, 1.0 + 1e-7, 3.0);
        assertEquals(near.expectedPurchases(h, x, tx, t), one.expectedPurchases(h, x, tx, t), 1e-6);
    }

    @Test
    void mbgHandDerivedCases() {
        // r = α = a = b = 1, x = 0, T = 1: dead at once with E[p] = 1/2, else no purchase with E[e^−λ] = α/(α+1) = 1/2.
        MbgNbd m = new MbgNbd(1, 1, 1, 1);
        assertEquals(Math.log(0.75), m.logLikelihood(0, 0, 1), 1e-12);
        assertEquals(0.5 * 0.5 / 0.75, m.probabilityAlive(0, 0, 1), 1e-12);
        // x = 1 at t_x = 1, T = 2: survive time 0 (1−p), buy at 1 (λe^−λ), then die there (p) or survive and stay
        // silent to 2 ((1−p)e^−λ): E[λe^−λ]E[(1−p)p] + E[λe^−2λ]E[(1−p)²] with λ ~ Gamma(1, 1), p ~ Uniform:
        // E[λe^−λ] = 1/4, E[λe^−2λ] = 1/9, E[(1−p)p] = 1/6, E[(1−p)²] = 1/3.
        assertEquals(Math.log(1.0 / 9 / 3 + 1.0 / 4 / 6), m.logLikelihood(1, 1, 2), 1e-12);
    }

    @Test
    void noDropoutEdgeNamesTheLimitingModel() {
        assertNull(new BgNbd(0.24, 4.4, 0.79, 2.4).limitingModel());
        assertTrue(new BgNbd(0.24, 4.4, 1e-9, 2.4).limitingModel().startsWith("NBD (no dropout"));
        assertTrue(new MbgNbd(0.24, 4.4, 1e-9, 2.4).limitingModel().contains("r = 0.24"));
        assertTrue(new ParetoNbd(0.5, 10, 1e-8, 100).limitingModel().contains("alpha = 10"));
        assertNull(new ParetoNbd(0.55, 10.58, 0.61, 11.67).limitingModel());
    }

    private static double[][] cdnowSample() throws Exception {
        Path p = SharedData.dataset("cdnow-sample-transactions.txt");
        TransactionLog log = TransactionLogReader.readWhitespace(p, LogFormat.CDNOW_SAMPLE);
        Batch f = RfmFeatures.compute(log, new FeatureOptions(LocalDate.of(1997, 9, 30), LocalDate.of(1998, 6, 30), PeriodUnit.WEEK,
                FeatureOptions.defaultWindows(PeriodUnit.WEEK))).table();
        double[][] out = new double[3][f.rows()];
        String[] names = {"frequency", "recency", "T"};
        for (int k = 0; k < 3; k++) for (int i = 0; i < f.rows(); i++) out[k][i] = f.getDouble(f.schema().indexOf(names[k]), i);
        return out;
    }

    @Test
    void paretoNbdMatchesThePublishedCdnowFit() throws Exception {
        double[][] d = cdnowSample();
        PurchaseFit f = PurchaseFit.fit(PurchaseModelType.PARETONBD, d[0], d[1], d[2]);
        double[] p = f.model().parameters(), published = {0.55, 10.58, 0.61, 11.67};
        for (int k = 0; k < 4; k++) assertEquals(published[k], p[k], 0.005 * published[k] + 0.005, "parameter " + k);
        assertEquals(-9594.98, f.logLikelihood(), 0.005 * 9594.98);
        assertEquals(-9594.98, f.logLikelihood(), 0.05, "in fact to the second decimal");
    }

    @Test
    void mbgNbdMatchesTheBtydPlusCdnowFit() throws Exception {
        double[][] d = cdnowSample();
        PurchaseFit f = PurchaseFit.fit(PurchaseModelType.MBGNBD, d[0], d[1], d[2]);
        double[] p = f.model().parameters(), published = {0.525, 6.183, 0.891, 1.614};
        for (int k = 0; k < 4; k++) assertEquals(published[k], p[k], 0.005 * published[k] + 0.0005, "parameter " + k);
        // The published parameters' own log-likelihood: the fit is at least as good and within 0.5 %.
        PurchaseModel at = PurchaseModelType.MBGNBD.create(published);
        double ll = 0;
        for (int i = 0; i < d[0].length; i++) ll += at.logLikelihood(d[0][i], d[1][i], d[2][i]);
        assertTrue(f.logLikelihood() >= ll - 1e-6, f.logLikelihood() + " vs " + ll);
        assertEquals(ll, f.logLikelihood(), 0.005 * Math.abs(ll));
        // Hardie's spreadsheet value for this customer (lifetimes checks it to 0.05).
        assertEquals(1.226, f.model().expectedPurchases(39, 2, 30.43, 38.86), 0.05);
    }
}
