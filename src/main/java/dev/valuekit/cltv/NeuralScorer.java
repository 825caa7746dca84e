package dev.valuekit.cltv;

import dev.valuekit.table.Batch;
import dev.valuekit.table.Schema;

/**
 * Scores customer batches with a neural CLTV model: the selected sub-network (argmax of the selector;
 * 0 for ZILN) gives p_purchase = sigmoid(l0), predicted_ltv = sigmoid(l0)·exp(μ + σ²/2) and the
 * zero-inflated lognormal's 10/50/90% quantiles, all within the model's {@link ZilnBounds}. Rows are pushed through the network in chunks, so
 * memory is bounded by the chunk size whatever the batch size. Counts rows with unseen categories.
 */
public final class NeuralScorer {
    private static final int CHUNK = 8192;
    private final CltvNetwork net;
    private final String idColumn;
    private final ZilnBounds bounds;
    private long oovRows;
    private String firstOov;

    public NeuralScorer(CltvNetwork net, String idColumn, ZilnBounds bounds) {
        this.net = net;
        this.idColumn = idColumn;
        this.bounds = bounds;
    }

    /** Rows scored so far that had at least one category unseen in training (mapped to the OOV embedding). */
    public long oovRows() { return oovRows; }

    /** The first such value, as "column 'c' value 'v' at row r", or null. */
    public String firstOov() { return firstOov; }

    /** Column indices: the id, then the encoder's features. */
    public int[] resolve(Schema s, String source) {
        int id = s.require(idColumn, source);
        int[] f = net.encoder().resolve(s, source);
        int[] out = new int[f.length + 1];
        out[0] = id;
        System.arraycopy(f, 0, out, 1, f.length);
        return out;
    }

    public Batch score(Batch in, int[] cols, String source, long firstRow) {
        int n = in.rows();
        int[] features = java.util.Arrays.copyOfRange(cols, 1, cols.length);
        CustomerEncoder.Encoded enc = net.encoder().encode(in, features, source, firstRow);
        if (enc.oovRows() > 0) {
            if (firstOov == null) firstOov = enc.firstOov();
            oovRows += enc.oovRows();
        }
        String[] ids = new String[n];
        double[] p = new double[n], ltv = new double[n], q10 = new double[n], q50 = new double[n], q90 = new double[n];
        long[] component = new long[n];
        int L = net.members();
        for (int from = 0; from < n; from += CHUNK) {
            int b = Math.min(CHUNK, n - from);
            CltvNetwork.Output out = net.forward(enc, null, from, b);
            for (int i = 0; i < b; i++) {
                int k = out.selected(i, L);
                int o = (k * b + i) * 3;
                double l0 = out.sub()[o], l1 = out.sub()[o + 1], l2 = out.sub()[o + 2];
                int r = from + i;
                component[r] = k;
                p[r] = Ziln.purchaseProbability(l0);
                ltv[r] = bounds.expectedValue(l0, l1, l2);
                q10[r] = bounds.quantile(0.1, l0, l1, l2);
                q50[r] = bounds.quantile(0.5, l0, l1, l2);
                q90[r] = bounds.quantile(0.9, l0, l1, l2);
            }
        }
        for (int i = 0; i < n; i++) ids[i] = in.getString(cols[0], i);
        return new Batch.Builder(n).addString(idColumn, ids).addDouble("p_purchase", p).addDouble("predicted_ltv", ltv)
                .addLong("component", component).addDouble("ltv_p10", q10).addDouble("ltv_p50", q50).addDouble("ltv_p90", q90).build();
    }
}
