package dev.valuekit.dynamics;

import dev.valuekit.tensor.Nd4jRuntime;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Binary cross-entropy on logits for the termination head, {@code Σ_members mean_batch BCE}, with its
 * gradient {@code (σ(z) − y) / batch} (members summed as in the dynamics loss, so each member's
 * gradient is independent of the ensemble size).
 */
final class BernoulliLoss {
    private INDArray gradient;

    record Result(double loss, double[] perMember, INDArray gradient) {}

    /** {@code logits} [members, batch, 1], {@code target} row-aligned per member: target[m][i] ∈ {0, 1}. */
    Result lossAndGradient(INDArray logits, double[][] target, boolean withGradient) {
        int members = (int) logits.size(0), batch = (int) logits.size(1);
        double[] z = logits.data().asDouble();
        double[] g = withGradient ? new double[z.length] : null;
        double[] per = new double[members];
        double loss = 0;
        for (int m = 0; m < members; m++) {
            double s = 0;
            for (int i = 0; i < batch; i++) {
                double x = z[m * batch + i];
                double y = target[m][i];
                // log(1 + e^x) − y·x, stable for large |x|
                s += Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))) - y * x;
                if (withGradient) g[m * batch + i] = (sigmoid(x) - y) / batch;
            }
            per[m] = s / batch;
            loss += per[m];
        }
        INDArray ga = null;
        if (withGradient) {
            if (gradient == null || !java.util.Arrays.equals(gradient.shape(), logits.shape()) || gradient.dataType() != logits.dataType()) {
                gradient = Nd4j.create(logits.dataType(), logits.shape(), 'c');
            }
            gradient.assign(Nd4j.createFromArray(g).reshape(logits.shape()).castTo(gradient.dataType()));
            ga = gradient;
        }
        return new Result(loss, per, ga);
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
