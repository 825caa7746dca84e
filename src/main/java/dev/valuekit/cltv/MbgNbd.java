package dev.valuekit.cltv;

import static dev.valuekit.cltv.SpecialFunctions.hyp2f1;
import static dev.valuekit.cltv.SpecialFunctions.lnBeta;
import static dev.valuekit.cltv.SpecialFunctions.lnGamma;

/**
 * The MBG/NBD purchase model (Batislam, Denizel &amp; Filiztekin 2007; Wagner &amp; Hoppe 2008): as BG/NBD,
 * but the customer may also drop out right at the first purchase, so someone with no repeat purchase is
 * not sure to be alive. λ ~ Gamma(r, α); dropout chance p ~ Beta(a, b) at time 0 and after each purchase.
 */
public record MbgNbd(double r, double alpha, double a, double b) implements PurchaseModel {
    public MbgNbd {
        if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) {
            throw new IllegalArgumentException("MBG/NBD parameters must be positive: r=" + r + " alpha=" + alpha + " a=" + a + " b=" + b);
        }
    }

    @Override public PurchaseModelType type() { return PurchaseModelType.MBGNBD; }

    @Override public double[] parameters() { return new double[] {r, alpha, a, b}; }

    /**
     * ln L = ln[Γ(r+x) α^r / Γ(r)] + ln[B(a, b+x+1)/B(a, b)] − (r+x) ln(α+T)
     *        + ln[1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)].
     */
    @Override
    public double logLikelihood(double x, double tx, double t) {
        double head = lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha) + lnBeta(a, b + x + 1) - lnBeta(a, b) - (r + x) * Math.log(alpha + t);
        return head + SpecialFunctions.softplus(lnDeadOdds(x, tx, t));
    }

    /** ln[a/(b+x) · ((α+T)/(α+t_x))^(r+x)]: the odds of having dropped out at the last purchase. */
    private double lnDeadOdds(double x, double tx, double t) {
        return Math.log(a / (b + x)) + (r + x) * Math.log((alpha + t) / (alpha + tx));
    }

    /** P(alive at T) = 1 / (1 + a/(b+x) ((α+T)/(α+t_x))^(r+x)), also for x = 0. */
    @Override
    public double probabilityAlive(double x, double tx, double t) {
        return SpecialFunctions.sigmoid(-lnDeadOdds(x, tx, t));
    }

    /** As BG/NBD: alive at T and the Poisson clock rings in h, ((α+T)/(α+T+h))^(r+x) being the chance it does not. */
    @Override
    public double probabilityPurchase(double horizon, double x, double tx, double t) {
        return probabilityAlive(x, tx, t) * -Math.expm1((r + x) * Math.log((alpha + t) / (alpha + t + horizon)));
    }

    /**
     * E[purchases in (T, T+h]] = (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+h))^(r+x) ₂F₁(r+x, b+x+1; a+b+x; h/(α+T+h))]
     * · P(alive) (Wagner &amp; Hoppe 2008).
     */
    @Override
    public double expectedPurchases(double horizon, double x, double tx, double t) {
        if (horizon <= 0) return 0;
        double z = horizon / (alpha + t + horizon);
        double body = 1 - Math.exp((r + x) * Math.log((alpha + t) / (alpha + t + horizon))) * hyp2f1(r + x, b + x + 1, a + b + x, z);
        return (a + b + x) / (a - 1) * body * probabilityAlive(x, tx, t);
    }

    @Override
    public String limitingModel() {
        return BgNbd.noDropout(r, alpha, a, b);
    }
}
