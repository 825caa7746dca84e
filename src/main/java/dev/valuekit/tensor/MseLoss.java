package dev.valuekit.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mean squared error for an ensemble: {@code loss = Σ_members mean_{batch,dims} (ŷ − y)²} (members are
 * summed, as in the NLL, so each member's gradient does not shrink with the ensemble size).
 */
public final class MseLoss {
    private final GradientBuffer gradient = new GradientBuffer();

    /** @param gradient d(loss)/d(prediction), an internal buffer reused by the next call; null from evaluate */
    public record Result(double loss, double[] mse, INDArray gradient) {}

    /** {@code prediction} [members, batch, d]; {@code target} the same or [batch, d]. */
    public Result lossAndGradient(INDArray prediction, INDArray target) {
        return compute(prediction, target, true);
    }

    public Result evaluate(INDArray prediction, INDArray target) {
        return compute(prediction, target, false);
    }

    private Result compute(INDArray pred, INDArray target, boolean withGradient) {
        if (pred.rank() != 3) throw new IllegalArgumentException("prediction must be [members, batch, d]");
        int members = (int) pred.size(0), batch = (int) pred.size(1), dims = (int) pred.size(2);
        boolean shared = target.rank() == 2;
        long[] want = shared ? new long[] {batch, dims} : pred.shape();
        if (!java.util.Arrays.equals(target.shape(), want)) {
            throw new IllegalArgumentException("target must be " + java.util.Arrays.toString(want) + ", got "
                    + java.util.Arrays.toString(target.shape()));
        }
        double[] p = HostMath.toDoubles(pred);
        double[] y = HostMath.toDoubles(target);
        double[] g = withGradient ? new double[p.length] : null;
        double inv = 1.0 / ((double) batch * dims);
        double[] mse = new double[members];
        double loss = 0;
        for (int m = 0; m < members; m++) {
            double se = 0;
            for (int i = 0; i < batch * dims; i++) {
                int k = m * batch * dims + i;
                double e = p[k] - y[shared ? i : k];
                se += e * e;
                if (withGradient) g[k] = 2 * e * inv;
            }
            mse[m] = se * inv;
            loss += mse[m];
        }
        INDArray gradArr = withGradient ? gradient.store(g, pred) : null;
        return new Result(loss, mse, gradArr);
    }
}
