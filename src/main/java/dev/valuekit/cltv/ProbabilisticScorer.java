package dev.valuekit.cltv;

import dev.valuekit.common.BadInputException;
import dev.valuekit.table.Batch;

/**
 * Scores customer batches with a {@link ProbabilisticModel}. Per customer: {@code p_alive};
 * {@code p_purchase} = P(alive) · P(≥ 1 purchase in the horizon | alive), the model's own chance
 * of any purchase in the horizon; {@code expected_purchases} in the horizon; {@code predicted_ltv}
 * = discounted CLV ({@link CustomerValue}). One batch in, one batch out: memory is bounded by the
 * batch size.
 */
public final class ProbabilisticScorer {
    private final ProbabilisticModel model;
    private final ScoreOptions options;
    private final CustomerValue value;

    public ProbabilisticScorer(ProbabilisticModel model, ScoreOptions options) {
        this.model = model;
        this.options = options;
        this.value = new CustomerValue(model.purchases(), model.spend(), model.unit());
    }

    public ScoreOptions options() { return options; }

    /**
     * @param cols  column indices from {@link CustomerColumns#resolve}
     * @param firstRow 1-based row number of the batch's first row, for error messages
     */
    public Batch score(Batch in, int[] cols, String source, long firstRow, CustomerColumns names) {
        int n = in.rows();
        String[] ids = new String[n];
        double[] pAlive = new double[n], pPurchase = new double[n], expected = new double[n], ltv = new double[n];
        PurchaseModel bg = model.purchases();
        double h = options.horizon();
        for (int i = 0; i < n; i++) {
            ids[i] = in.getString(cols[0], i);
            double x = in.getDouble(cols[1], i), tx = in.getDouble(cols[2], i), t = in.getDouble(cols[3], i), m = in.getDouble(cols[4], i);
            long row = firstRow + i;
            if (!(x >= 0) || x != Math.rint(x)) throw new BadInputException("frequency " + x + " is not a whole number >= 0", source, row, names.frequency(), "frequency counts repeat purchases");
            if (!(tx >= 0 && tx <= t)) throw new BadInputException("recency " + tx + " is outside [0, T = " + t + "]", source, row, names.recency(), "recency runs from the first to the last purchase and cannot exceed T");
            if (!(m >= 0) || !Double.isFinite(m)) throw new BadInputException("mean repeat spend " + m + " is not a number >= 0", source, row, names.monetary(), "spend must be >= 0");
            pAlive[i] = bg.probabilityAlive(x, tx, t);
            pPurchase[i] = bg.probabilityPurchase(h, x, tx, t);
            expected[i] = bg.expectedPurchases(h, x, tx, t);
            ltv[i] = value.clv(h, options.monthlyDiscount(), x, tx, t, m);
        }
        return new Batch.Builder(n).addString(names.id(), ids).addDouble("p_purchase", pPurchase).addDouble("predicted_ltv", ltv)
                .addDouble("p_alive", pAlive).addDouble("expected_purchases", expected).build();
    }
}
