package dev.valuekit.value;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TanhGaussianTest {
    @Test
    void logProbIsTheDensityOfTheSquashedScaledGaussian() {
        // a = c + h·tanh(u), u ~ N(μ, σ²): p(a) = N(u; μ, σ) / (h·(1 − tanh²u)); hand-evaluated at one point
        double mu = 0.3, l = Math.log(0.7), eps = -1.2, h = 2.0;
        double sigma = 0.7, u = mu + sigma * eps;
        double gauss = Math.exp(-0.5 * eps * eps) / (sigma * Math.sqrt(2 * Math.PI));
        double t = Math.tanh(u);
        double expected = Math.log(gauss / (h * (1 - t * t)));
        assertEquals(expected, TanhGaussian.logProb(mu, l, eps, h), 1e-12);
        assertEquals(0.5 + 2.0 * t, TanhGaussian.action(mu, l, eps, 0.5, 2.0), 1e-12);
    }

    @Test
    void stableLog1mTanh2AgreesWithTheNaiveFormAndStaysFiniteForLargeU() {
        for (double u : new double[] {-3, -0.5, 0, 0.1, 2.5}) {
            double t = Math.tanh(u);
            assertEquals(Math.log(1 - t * t), TanhGaussian.log1mTanh2(u), 1e-12);
        }
        // naive form gives log(0) = -inf at u = 40; exact value is 2·(log 2 − 40) − tiny
        assertEquals(2 * (Math.log(2) - 40), TanhGaussian.log1mTanh2(40), 1e-9);
        assertEquals(2 * (Math.log(2) - 40), TanhGaussian.log1mTanh2(-40), 1e-9);
    }

    @Test
    void reparameterisedGradientMatchesFiniteDifferences() {
        double h = 1.5, eps = 0.8, gA = -0.7, cLp = 0.3;
        for (double[] p : new double[][] {{0.2, -0.5}, {-1.1, 0.4}, {2.0, -3.0}}) {
            double mu = p[0], l = p[1];
            double[] g = TanhGaussian.gradient(mu, l, eps, h, gA, cLp);
            double d = 1e-6;
            double dMu = (f(mu + d, l, eps, h, gA, cLp) - f(mu - d, l, eps, h, gA, cLp)) / (2 * d);
            double dL = (f(mu, l + d, eps, h, gA, cLp) - f(mu, l - d, eps, h, gA, cLp)) / (2 * d);
            assertEquals(dMu, g[0], 1e-7);
            assertEquals(dL, g[1], 1e-7);
        }
    }

    @Test
    void clampedLogStdHasNoGradient() {
        double[] g = TanhGaussian.gradient(0.1, 5.0, 0.3, 1, 1, 1);
        assertEquals(0, g[1]);
        assertEquals(TanhGaussian.logProb(0.1, 5.0, 0.3, 1), TanhGaussian.logProb(0.1, TanhGaussian.LOG_STD_MAX, 0.3, 1), 0);
    }

    /** gA·a + cLp·log π as a function of (μ, ℓ) with ε fixed. */
    private static double f(double mu, double l, double eps, double h, double gA, double cLp) {
        return gA * TanhGaussian.action(mu, l, eps, 0, h) + cLp * TanhGaussian.logProb(mu, l, eps, h);
    }
}
