package dev.valuekit.cltv;

/**
 * Customer lifetime value from a purchase model (BG/NBD, MBG/NBD, Pareto/NBD) and a Gamma-Gamma spend model, discounted
 * monthly the way lifetimes' customer_lifetime_value does: the horizon is cut into months (of
 * {@link PeriodUnit#perMonth()} units each, the last one possibly partial), each month's expected
 * purchases times the expected spend per purchase is discounted by (1 + rate)^(months elapsed).
 * With rate 0 this is E[purchases in horizon] · E[spend per purchase].
 */
public record CustomerValue(PurchaseModel purchases, GammaGamma spend, PeriodUnit unit) {

    /** The discounted value over {@code horizon} units for a customer (x, t_x, T, mean repeat spend m). */
    public double clv(double horizon, double monthlyDiscount, double x, double tx, double t, double m) {
        double perPurchase = spend.conditionalExpectedValue(x, x > 0 ? m : 0);
        double step = unit.perMonth(), value = 0, before = 0;
        for (int k = 1; (k - 1) * step < horizon; k++) {
            double end = Math.min(k * step, horizon);
            double cumulative = purchases.expectedPurchases(end, x, tx, t);
            value += perPurchase * (cumulative - before) / Math.pow(1 + monthlyDiscount, end / step);
            before = cumulative;
        }
        return value;
    }
}
