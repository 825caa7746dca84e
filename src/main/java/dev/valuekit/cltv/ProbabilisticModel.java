package dev.valuekit.cltv;

/**
 * A fitted purchase model (BG/NBD, MBG/NBD or Pareto/NBD) + Gamma-Gamma pair with the time unit its parameters are in (α and every
 * horizon are in that unit; mixing units silently rescales predictions) and fit diagnostics.
 */
public record ProbabilisticModel(PurchaseModel purchases, GammaGamma spend, PeriodUnit unit,
                                 double purchaseLogLikelihood, double spendLogLikelihood, int customers, int repeatBuyers,
                                 int zeroSpendRepeatBuyers, boolean converged) {

    /** Fits both models on one customer table's calibration summaries. */
    public static ProbabilisticModel fit(PurchaseModelType type, double[] frequency, double[] recency, double[] age, double[] monetary, PeriodUnit unit) {
        PurchaseFit bg = PurchaseFit.fit(type, frequency, recency, age);
        GammaGammaFit gg = GammaGammaFit.fit(frequency, monetary);
        if (gg.model().q() <= 1) {
            throw new dev.valuekit.common.ComputationException("Gamma-Gamma fit gave q = " + gg.model().q()
                    + " <= 1: mean spend is unbounded under this fit; spend per purchase is too heavy-tailed for Gamma-Gamma");
        }
        return new ProbabilisticModel(bg.model(), gg.model(), unit, bg.logLikelihood(), gg.logLikelihood(), bg.customers(), gg.repeatBuyers(),
                gg.zeroSpendRepeatBuyers(), bg.converged() && gg.converged());
    }
}
