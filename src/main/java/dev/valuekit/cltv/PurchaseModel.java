package dev.valuekit.cltv;

/**
 * A probabilistic model of repeat purchases ("buy till you die"): the customer summary is x repeat
 * purchases, the time t_x of the last one and the age T, all from the first purchase in one time unit.
 * Every model gives the individual log-likelihood (for maximum likelihood), P(alive at T), the chance of
 * at least one purchase in (T, T+h] and the expected number of purchases there.
 */
public sealed interface PurchaseModel permits BgNbd, MbgNbd, ParetoNbd {
    PurchaseModelType type();

    /** The parameters in the order of {@link PurchaseModelType#parameterNames()}. */
    double[] parameters();

    double logLikelihood(double x, double tx, double t);

    double probabilityAlive(double x, double tx, double t);

    double probabilityPurchase(double horizon, double x, double tx, double t);

    double expectedPurchases(double horizon, double x, double tx, double t);

    /**
     * When the fit ran to the edge of the parameter space where nobody ever drops out, the limiting
     * model in words with its parameters (e.g. "NBD (no dropout): r = 0.55, alpha = 10.6"); otherwise null.
     */
    String limitingModel();
}
