package dev.valuekit.tensor;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gaussian NLL and MSE: finite-difference gradients (outputs and log-variance bounds) and hand values. */
class LossGradientTest {
    @BeforeEach
    void f64() { Nd4jRuntime.configure(Precision.F64, 1); }

    @Test
    void nllGradientsIncludingBounds() {
        for (boolean shared : new boolean[] {false, true}) {
            int members = 2, batch = 3, d = 2;
            GaussianNll nll = new GaussianNll("m", d);
            SplittableRandom rng = new SplittableRandom(11);
            // Bounds moved off their initial values; raw log-variances spread over both soft clamps.
            nll.maxLogVar().set(new double[] {0.7, 0.2});
            nll.minLogVar().set(new double[] {-3.0, -2.5});
            INDArray out = EnsembleMlpGradientTest.random(rng, new long[] {members, batch, 2 * d});
            for (int i = 0; i < out.length(); i++) if ((i / d) % 2 == 1) out.data().put(i, 3.0 * rng.nextGaussian());
            INDArray y = EnsembleMlpGradientTest.random(rng, shared ? new long[] {batch, d} : new long[] {members, batch, d});
            java.util.function.DoubleSupplier loss = () -> nll.evaluate(out, y).loss();
            nll.params().zeroGrad();
            double[] g = nll.lossAndGradient(out, y).gradient().data().asDouble();
            assertSmall(g, GradCheck.numeric(out, loss), "output");
            assertSmall(nll.maxLogVar().grad().data().asDouble(), GradCheck.numeric(nll.maxLogVar().value(), loss), "max_logvar");
            assertSmall(nll.minLogVar().grad().data().asDouble(), GradCheck.numeric(nll.minLogVar().value(), loss), "min_logvar");
        }
    }

    @Test
    void nllThroughNetworkIntoInputs() {
        EnsembleMlp net = new EnsembleMlp("net", 3, 2, new int[] {6}, 4, Activation.SILU, 1);
        GaussianNll nll = new GaussianNll("net", 2);
        SplittableRandom rng = new SplittableRandom(5);
        INDArray x = EnsembleMlpGradientTest.random(rng, new long[] {3, 5, 2});
        INDArray y = EnsembleMlpGradientTest.random(rng, new long[] {3, 5, 2});
        java.util.function.DoubleSupplier loss = () -> nll.evaluate(net.forward(x), y).loss();
        net.params().zeroGrad();
        nll.params().zeroGrad();
        GaussianNll.Result r = nll.lossAndGradient(net.forward(x), y);
        double[] dx = net.backward(r.gradient(), true).data().asDouble();
        assertSmall(dx, GradCheck.numeric(x, loss), "input");
        Param w0 = net.params().get("net.layer.0.weight");
        assertSmall(w0.grad().data().asDouble(), GradCheck.numeric(w0.value(), loss), "net.layer.0.weight");
    }

    @Test
    void nllHandComputed() {
        // One member, one row, one dimension: μ = 1, y = 0, raw log-variance 0, bounds at their init.
        // lv = −10 + softplus((0.5 − softplus(0.5)) + 10) = −0.4740040504607226 (computed with Python's math).
        GaussianNll nll = new GaussianNll("m", 1);
        INDArray out = Nd4j.create(new double[] {1.0, 0.0}, new long[] {1, 1, 2}, DataType.DOUBLE);
        INDArray y = Nd4j.create(new double[] {0.0}, new long[] {1, 1}, DataType.DOUBLE);
        GaussianNll.Result r = nll.evaluate(out, y);
        assertEquals(-0.4740040504607226, nll.logVariance(out)[0], 1e-14);
        // objective e²·e^{−lv} + lv = 1.132409443268321, plus 0.01·(0.5 − (−10))
        assertEquals(1.237409443268321, r.loss(), 1e-12);
        // reported NLL ½·1.132409443268321 + ½·log 2π
        assertEquals(1.485143254838833, r.nll()[0], 1e-12);
        assertEquals(1.0, r.mse()[0], 0);
    }

    @Test
    void mseGradientAndValue() {
        MseLoss mse = new MseLoss();
        INDArray p = Nd4j.create(new double[] {1, 2, 3, 4}, new long[] {2, 1, 2}, DataType.DOUBLE);
        INDArray y = Nd4j.create(new double[] {0, 0}, new long[] {1, 2}, DataType.DOUBLE);
        MseLoss.Result r = mse.lossAndGradient(p, y);
        assertArrayEquals(new double[] {2.5, 12.5}, r.mse(), 1e-15);   // (1+4)/2, (9+16)/2
        assertEquals(15.0, r.loss(), 1e-15);
        assertArrayEquals(new double[] {1, 2, 3, 4}, r.gradient().data().asDouble(), 1e-15); // 2e/2
        SplittableRandom rng = new SplittableRandom(2);
        INDArray q = EnsembleMlpGradientTest.random(rng, new long[] {2, 3, 2});
        INDArray t = EnsembleMlpGradientTest.random(rng, new long[] {2, 3, 2});
        double[] g = mse.lossAndGradient(q, t).gradient().data().asDouble();
        assertSmall(g, GradCheck.numeric(q, () -> mse.evaluate(q, t).loss()), "mse");
    }

    private static void assertSmall(double[] analytic, double[] numeric, String what) {
        double e = GradCheck.relativeError(analytic, numeric);
        assertTrue(e < 1e-6, what + " relative error " + e);
    }
}
