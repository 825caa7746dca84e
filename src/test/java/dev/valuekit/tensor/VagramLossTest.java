package dev.valuekit.tensor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** VaGraM loss on a hand-computed case: mean_rows[(1/d)·Σ_j (w·e)² + e_r²], members summed. */
class VagramLossTest {
    @BeforeAll static void runtime() { Nd4jRuntime.configure(Precision.F64, 1); }

    private static INDArray arr(double[] v, long... shape) { return Nd4j.create(v, shape, 'c'); }

    @Test
    void matchesTheHandComputedValueAndGradient() {
        // 1 member, 2 rows, d = 2 observation dims + reward
        double[] pred = {1.5, 0, -1, /* row 2 */ 0, 2, 0.5};
        double[] y = {1.0, 0, -3, /* row 2 */ 0, 0, 0};
        double[] w = {2, 7, /* row 2 */ 0, 0.5};
        VagramLoss.Result r = new VagramLoss(2).lossAndGradient(arr(pred, 1, 2, 3), arr(y, 1, 2, 3), w);
        // row 1: ((2*0.5)^2 + (7*0)^2)/2 + (-1+3)^2 = 0.5 + 4 = 4.5; row 2: ((0)^2 + (0.5*2)^2)/2 + 0.5^2 = 0.75
        assertEquals((4.5 + 0.75) / 2, r.loss(), 1e-12);
        assertEquals(r.loss(), r.vagram()[0], 1e-12);
        // plain MSE over all 6 outputs: (0.25 + 0 + 4 + 0 + 4 + 0.25) / 6
        assertEquals(8.5 / 6, r.mse()[0], 1e-12);
        // d loss / d pred = 2·c·e / rows with c = w²/d for states, 1 for reward
        double[] g = r.gradient().data().asDouble();
        assertArrayEquals(new double[] {2 * 2 * 0.5 / 2, 0, 2 * 2 / 2.0, 0, 2 * 0.125 * 2 / 2, 2 * 0.5 / 2}, g, 1e-12);
    }

    @Test
    void gradientMatchesFiniteDifferencesAndMembersAreSummed() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        int m = 2, b = 3, d = 2, t = d + 1;
        double[] pred = new double[m * b * t], y = new double[m * b * t], w = new double[m * b * d];
        for (int i = 0; i < pred.length; i++) { pred[i] = rng.nextDouble(-1, 1); y[i] = rng.nextDouble(-1, 1); }
        for (int i = 0; i < w.length; i++) w[i] = rng.nextDouble(0, 3);
        VagramLoss loss = new VagramLoss(d);
        VagramLoss.Result r = loss.lossAndGradient(arr(pred, m, b, t), arr(y, m, b, t), w);
        assertEquals(r.vagram()[0] + r.vagram()[1], r.loss(), 1e-12);
        double[] g = r.gradient().data().asDouble().clone();
        double h = 1e-6;
        for (int i = 0; i < pred.length; i++) {
            double[] p = pred.clone();
            p[i] += h;
            double up = loss.evaluate(arr(p, m, b, t), arr(y, m, b, t), w).loss();
            p[i] -= 2 * h;
            double down = loss.evaluate(arr(p, m, b, t), arr(y, m, b, t), w).loss();
            assertEquals((up - down) / (2 * h), g[i], 1e-7, "output " + i);
        }
    }
}
