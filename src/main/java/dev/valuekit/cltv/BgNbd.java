package dev.valuekit.cltv;

import static dev.valuekit.cltv.SpecialFunctions.digamma;
import static dev.valuekit.cltv.SpecialFunctions.hyp2f1;
import static dev.valuekit.cltv.SpecialFunctions.lnBeta;
import static dev.valuekit.cltv.SpecialFunctions.lnGamma;

/**
 * The BG/NBD purchase model (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way"):
 * while alive a customer buys at Poisson rate λ ~ Gamma(r, α); after each purchase she drops out
 * with probability p ~ Beta(a, b). A customer is summarised by x repeat purchases, the time t_x of
 * the last one and her age T, all measured from her first purchase in one time unit.
 */
public record BgNbd(double r, double alpha, double a, double b) implements PurchaseModel {
    /** Below this mean dropout probability a/(a+b) per purchase nobody ever leaves in practice. */
    private static final double NO_DROPOUT = 1e-6;

    public BgNbd {
        if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) {
            throw new IllegalArgumentException("BG/NBD parameters must be positive: r=" + r + " alpha=" + alpha + " a=" + a + " b=" + b);
        }
    }

    @Override public PurchaseModelType type() { return PurchaseModelType.BGNBD; }

    @Override public double[] parameters() { return new double[] {r, alpha, a, b}; }

    @Override public String limitingModel() { return noDropout(r, alpha, a, b); }

    /**
     * The limit of the beta-geometric dropout models as a → 0 (dropout probability p ~ Beta(a, b) piles up
     * at 0): nobody leaves and purchases are the NBD with (r, α); null away from that edge.
     */
    static String noDropout(double r, double alpha, double a, double b) {
        if (a / (a + b) >= NO_DROPOUT) return null;
        return String.format(java.util.Locale.ROOT, "NBD (no dropout: a -> 0, mean dropout probability a/(a+b) = %.3g): r = %.6g, alpha = %.6g",
                a / (a + b), r, alpha);
    }

    /**
     * ln L(r, α, a, b | x, t_x, T) = ln[Γ(r+x) α^r / Γ(r)]
     *   + ln[ B(a, b+x)/B(a,b) (α+T)^-(r+x) + 1{x>0} B(a+1, b+x−1)/B(a,b) (α+t_x)^-(r+x) ],
     * the second line combined by log-sum-exp since both terms underflow for large x.
     */
    @Override
    public double logLikelihood(double x, double tx, double t) {
        return logLikelihood(x, tx, t, null);
    }

    /**
     * The same, also adding its gradient with respect to (ln r, ln α, ln a, ln b) times
     * {@code weight} into {@code grad} when grad is not null.
     */
    double logLikelihood(double x, double tx, double t, double[] grad, double weight) {
        double[] g = grad == null ? null : new double[4];
        double ll = logLikelihood(x, tx, t, g);
        if (grad != null) {
            grad[0] += weight * g[0] * r;
            grad[1] += weight * g[1] * alpha;
            grad[2] += weight * g[2] * a;
            grad[3] += weight * g[3] * b;
        }
        return ll;
    }

    /** Log-likelihood and, into {@code g} (if not null), its gradient w.r.t. (r, α, a, b). */
    private double logLikelihood(double x, double tx, double t, double[] g) {
        double lnBab = lnBeta(a, b);
        double a1 = lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha);
        double a2 = lnBeta(a, b + x) - lnBab - (r + x) * Math.log(alpha + t);
        double a3 = x > 0 ? lnBeta(a + 1, b + x - 1) - lnBab - (r + x) * Math.log(alpha + tx) : Double.NEGATIVE_INFINITY;
        double mix = SpecialFunctions.logSumExp(a2, a3);
        if (g != null) {
            double w2 = Math.exp(a2 - mix), w3 = x > 0 ? Math.exp(a3 - mix) : 0;
            double psiAb = digamma(a + b), psiAbx = digamma(a + b + x), psiA = digamma(a), psiB = digamma(b);
            g[0] = digamma(r + x) - digamma(r) + Math.log(alpha) - w2 * Math.log(alpha + t);
            g[1] = r / alpha - w2 * (r + x) / (alpha + t);
            g[2] = w2 * (psiAb - psiAbx);
            g[3] = w2 * (digamma(b + x) - psiAbx - psiB + psiAb);
            if (x > 0) {
                g[0] -= w3 * Math.log(alpha + tx);
                g[1] -= w3 * (r + x) / (alpha + tx);
                g[2] += w3 * (digamma(a + 1) - psiAbx - psiA + psiAb);
                g[3] += w3 * (digamma(b + x - 1) - psiAbx - psiB + psiAb);
            }
        }
        return a1 + mix;
    }

    /** P(alive at T | x, t_x, T) = 1 / (1 + 1{x>0} a/(b+x−1) ((α+T)/(α+t_x))^(r+x)). */
    @Override
    public double probabilityAlive(double x, double tx, double t) {
        if (x == 0) return 1.0;
        double lnOdds = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + t) / (alpha + tx));
        return 1 / (1 + Math.exp(lnOdds));
    }

    /**
     * P(at least one purchase in (T, T+h] | history). A dead customer never buys; an alive one
     * buys nothing in h exactly when her Poisson clock does not ring, which averaged over the
     * posterior λ ~ Gamma(r+x, α+T) gives ((α+T)/(α+T+h))^(r+x).
     */
    @Override
    public double probabilityPurchase(double horizon, double x, double tx, double t) {
        double none = Math.exp((r + x) * Math.log((alpha + t) / (alpha + t + horizon)));
        return probabilityAlive(x, tx, t) * (1 - none);
    }

    /**
     * E[purchases in (T, T+h] | x, t_x, T]
     *  = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+h))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; h/(α+T+h))]
     *    / (1 + 1{x>0} a/(b+x−1) ((α+T)/(α+t_x))^(r+x))     (FHL 2005, eq. 10).
     */
    @Override
    public double expectedPurchases(double horizon, double x, double tx, double t) {
        if (horizon <= 0) return 0;
        double z = horizon / (alpha + t + horizon);
        double head = (a + b + x - 1) / (a - 1);
        double body = 1 - Math.exp((r + x) * Math.log((alpha + t) / (alpha + t + horizon))) * hyp2f1(r + x, b + x, a + b + x - 1, z);
        return head * body * probabilityAlive(x, tx, t);
    }
}
