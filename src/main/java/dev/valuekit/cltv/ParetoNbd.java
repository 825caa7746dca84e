package dev.valuekit.cltv;

import static dev.valuekit.cltv.SpecialFunctions.hyp2f1;
import static dev.valuekit.cltv.SpecialFunctions.lnGamma;

/**
 * The Pareto/NBD purchase model (Schmittlein, Morrison &amp; Colombo 1987; formulas of Fader &amp; Hardie,
 * "A note on deriving the Pareto/NBD model", 2005): while alive a customer buys at Poisson rate
 * λ ~ Gamma(r, α); her lifetime is exponential with rate μ ~ Gamma(s, β), independent of λ, so she can
 * drop out at any time, not only after a purchase.
 */
public record ParetoNbd(double r, double alpha, double s, double beta) implements PurchaseModel {
    /** Below this mean dropout rate s/β per unit nobody ever leaves within any realistic horizon. */
    private static final double NO_DROPOUT_RATE = 1e-6;
    /** Simpson intervals for the purchase-probability integral over the horizon (smooth, monotone integrand). */
    private static final int SIMPSON = 256;

    public ParetoNbd {
        if (!(r > 0 && alpha > 0 && s > 0 && beta > 0)) {
            throw new IllegalArgumentException("Pareto/NBD parameters must be positive: r=" + r + " alpha=" + alpha + " s=" + s + " beta=" + beta);
        }
    }

    @Override public PurchaseModelType type() { return PurchaseModelType.PARETONBD; }

    @Override public double[] parameters() { return new double[] {r, alpha, s, beta}; }

    /**
     * ln L = ln[Γ(r+x) α^r β^s / Γ(r)] + ln[(α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀], where
     * A₀ = ₂F₁(r+s+x, c; r+s+x+1; |α−β|/(m+t_x)) / (m+t_x)^(r+s+x) − the same at T, m = max(α, β) and
     * c = r+x when α &lt; β, else s+1 (the note's eqs. 18–20). The first term is "alive at T", the second
     * "died between t_x and T".
     */
    @Override
    public double logLikelihood(double x, double tx, double t) {
        return head(x) + SpecialFunctions.logSumExp(lnAliveTerm(x, t), Math.log(s / (r + s + x)) + lnA0(x, tx, t));
    }

    private double head(double x) {
        return lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
    }

    private double lnAliveTerm(double x, double t) {
        return -(r + x) * Math.log(alpha + t) - s * Math.log(beta + t);
    }

    /** ln A₀, computed as ln p₁ − k ln q₁ + ln(1 − p₂/p₁ (q₁/q₂)^k) to keep the difference accurate; −∞ when t_x = T. */
    double lnA0(double x, double tx, double t) {
        double max = Math.max(alpha, beta), diff = Math.abs(alpha - beta), c = alpha < beta ? r + x : s + 1;
        double k = r + s + x, q1 = max + tx, q2 = max + t;
        double p1 = hyp2f1(k, c, k + 1, diff / q1), p2 = hyp2f1(k, c, k + 1, diff / q2);
        double ratio = Math.exp(Math.log(p2 / p1) + k * Math.log(q1 / q2));
        if (!(ratio < 1)) return Double.NEGATIVE_INFINITY;
        return Math.log(p1) - k * Math.log(q1) + Math.log1p(-ratio);
    }

    /** P(alive at T) = 1 / (1 + s/(r+s+x) (α+T)^(r+x) (β+T)^s A₀). */
    @Override
    public double probabilityAlive(double x, double tx, double t) {
        double lnOdds = Math.log(s / (r + s + x)) + lnA0(x, tx, t) - lnAliveTerm(x, t);
        return SpecialFunctions.sigmoid(-lnOdds);
    }

    /**
     * P(alive) · ∫₀^h E[λ e^(−λτ)] E[e^(−μτ)] dτ: the first purchase after T at τ needs her still alive and
     * the Poisson clock's first ring there. Given alive at T, λ ~ Gamma(r+x, α+T) and μ ~ Gamma(s, β+T)
     * independently, so the integrand is (r+x)/(α+T) ((α+T)/(α+T+τ))^(r+x+1) ((β+T)/(β+T+τ))^s; Simpson's rule.
     */
    @Override
    public double probabilityPurchase(double horizon, double x, double tx, double t) {
        if (horizon <= 0) return 0;
        double a = alpha + t, b = beta + t, rx = r + x, step = horizon / SIMPSON, sum = 0;
        for (int i = 0; i <= SIMPSON; i++) {
            double tau = i * step;
            double f = rx / a * Math.exp((rx + 1) * Math.log(a / (a + tau)) + s * Math.log(b / (b + tau)));
            sum += f * (i == 0 || i == SIMPSON ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return probabilityAlive(x, tx, t) * Math.min(1, sum * step / 3);
    }

    /**
     * E[purchases in (T, T+h]] = P(alive) · (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+h))^(s−1)] (the note's
     * eq. 41); at s = 1 the bracket over (s−1) is its limit ln((β+T+h)/(β+T)).
     */
    @Override
    public double expectedPurchases(double horizon, double x, double tx, double t) {
        if (horizon <= 0) return 0;
        double lnGrowth = Math.log1p(horizon / (beta + t));
        double life = Math.abs(s - 1) < 1e-10 ? lnGrowth : -Math.expm1(-(s - 1) * lnGrowth) / (s - 1);
        return probabilityAlive(x, tx, t) * (r + x) / (alpha + t) * (beta + t) * life;
    }

    @Override
    public String limitingModel() {
        if (s / beta >= NO_DROPOUT_RATE) return null;
        return String.format(java.util.Locale.ROOT, "NBD (no dropout: mean dropout rate s/beta = %.3g per unit): r = %.6g, alpha = %.6g",
                s / beta, r, alpha);
    }
}
