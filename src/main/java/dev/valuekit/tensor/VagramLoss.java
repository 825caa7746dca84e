package dev.valuekit.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * VaGraM's value-gradient weighted loss for a deterministic ensemble whose output is
 * {@code Δobs ⊕ reward} ({@code d + 1} columns). Because ŝ' − s' = (s + Δ̂) − (s + Δ) = Δ̂ − Δ, the
 * weights apply unchanged to the raw Δobs error (valuekit never normalises targets):
 * <pre>
 *   loss = Σ_members mean_rows [ (1/d)·Σ_j (w_ij·(Δ̂_ij − Δ_ij))² + (r̂_i − r_i)² ]
 * </pre>
 * Members are summed as in {@code MseLoss} and {@code GaussianNll}. Also reports each member's plain
 * MSE over all d + 1 columns, comparable with the other losses' MSE.
 */
public final class VagramLoss {
    private final int obsDim;
    private final GradientBuffer gradient = new GradientBuffer();

    public VagramLoss(int obsDim) { this.obsDim = obsDim; }

    /**
     * @param loss     the objective above
     * @param vagram   each member's term of it
     * @param mse      each member's mean squared error over all outputs (unweighted)
     * @param gradient d(loss)/d(prediction), an internal buffer reused by the next call; null from evaluate
     */
    public record Result(double loss, double[] vagram, double[] mse, INDArray gradient) {}

    /**
     * @param prediction [members, batch, d + 1]
     * @param target     [members, batch, d + 1]
     * @param weights    [members, batch, d] row-major, the rows' weights in the same order as the target
     */
    public Result lossAndGradient(INDArray prediction, INDArray target, double[] weights) {
        return compute(prediction, target, weights, true);
    }

    public Result evaluate(INDArray prediction, INDArray target, double[] weights) {
        return compute(prediction, target, weights, false);
    }

    private Result compute(INDArray pred, INDArray target, double[] w, boolean withGradient) {
        int d = obsDim, t = d + 1;
        if (pred.rank() != 3 || pred.size(2) != t) throw new IllegalArgumentException("prediction must be [members, batch, " + t + "]");
        if (!java.util.Arrays.equals(pred.shape(), target.shape())) throw new IllegalArgumentException("target shape differs from prediction");
        int members = (int) pred.size(0), batch = (int) pred.size(1);
        if (w.length != members * batch * d) throw new IllegalArgumentException("weights must be [members, batch, " + d + "]");
        double[] p = HostMath.toDoubles(pred);
        double[] y = HostMath.toDoubles(target);
        double[] g = withGradient ? new double[p.length] : null;
        double[] vag = new double[members], mse = new double[members];
        double loss = 0;
        for (int m = 0; m < members; m++) {
            double sv = 0, se = 0;
            for (int i = 0; i < batch; i++) {
                int row = m * batch + i;
                for (int j = 0; j < t; j++) {
                    int k = row * t + j;
                    double e = p[k] - y[k];
                    se += e * e;
                    // state columns: (w·e)²/d; reward column: e² with weight 1
                    double c = j < d ? w[row * d + j] * w[row * d + j] / d : 1.0;
                    sv += c * e * e;
                    if (withGradient) g[k] = 2 * c * e / batch;
                }
            }
            vag[m] = sv / batch;
            mse[m] = se / ((double) batch * t);
            loss += vag[m];
        }
        INDArray gradArr = withGradient ? gradient.store(g, pred) : null;
        return new Result(loss, vag, mse, gradArr);
    }
}
