package dev.valuekit.tensor;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Double gradients of a ReLU ensemble: input gradients against EnsembleMlp's own backward, and the parameter
 * gradient of Σ ⟨c, ∇ₓQₘ⟩ against central differences of that independently computed functional (float64).
 */
class ReluInputGradientsTest {
    final SplittableRandom rng = new SplittableRandom(4);
    final int members = 3, in = 4, b = 6;

    @BeforeEach
    void f64() { Nd4jRuntime.configure(Precision.F64, 1); }

    @Test
    void inputGradientsAndTheirParameterGradientAreExact() {
        EnsembleMlp net = new EnsembleMlp("q", members, in, new int[] {7, 5}, 1, Activation.RELU, 9);
        for (EnsembleDense d : net.layers()) {
            double[] bias = new double[(int) d.bias().size()];
            for (int i = 0; i < bias.length; i++) bias[i] = 0.2 * rng.nextGaussian();
            d.bias().set(bias);
        }
        double[] x = gaussian(b * in), c = gaussian(members * b * in);
        ReluInputGradients rig = new ReluInputGradients(net);
        double[] g = rig.compute(x, b);
        double[] ref = referenceInputGradients(net, x);
        assertTrue(GradCheck.relativeError(g, ref) < 1e-12, "input gradients differ");

        DoubleSupplier functional = () -> {
            double[] gr = referenceInputGradients(net, x);
            double s = 0;
            for (int i = 0; i < gr.length; i++) s += c[i] * gr[i];
            return s;
        };
        net.params().zeroGrad();
        rig.accumulate(c);
        for (Param p : net.params().list()) {
            double[] a = p.grad().data().asDouble();
            double[] n = GradCheck.numeric(p.value(), functional);
            if (p.name().endsWith("bias")) {
                for (double v : n) assertTrue(Math.abs(v) < 1e-7, p.name() + ": the functional depends on a bias: " + v);
                continue;
            }
            double e = GradCheck.relativeError(a, n);
            assertTrue(e < 1e-6, p.name() + " gradient relative error " + e);
        }
    }

    @Test
    void smoothActivationsAreRefused() {
        EnsembleMlp net = new EnsembleMlp("q", 2, in, new int[] {5}, 1, Activation.TANH, 1);
        assertThrows(IllegalArgumentException.class, () -> new ReluInputGradients(net));
    }

    /** ∇ₓQₘ(x_b) from EnsembleMlp: every member gets its own copy of the rows, so backward returns per-member gradients. */
    private double[] referenceInputGradients(EnsembleMlp net, double[] x) {
        INDArray tiled = Nd4j.create(DataType.DOUBLE, new long[] {members, b, in}, 'c');
        for (int m = 0; m < members; m++) for (int i = 0; i < b * in; i++) tiled.data().put((long) m * b * in + i, x[i]);
        net.forward(tiled);
        INDArray ones = Nd4j.ones(DataType.DOUBLE, members, b, 1);
        // backward adds parameter gradients: keep them out of the gradients under test
        java.util.List<double[]> keep = new java.util.ArrayList<>();
        for (Param p : net.params().list()) keep.add(p.grad().data().asDouble());
        double[] g = net.backward(ones, true).data().asDouble();
        int k = 0;
        for (Param p : net.params().list()) {
            double[] kv = keep.get(k++);
            for (int i = 0; i < kv.length; i++) p.grad().data().put(i, kv[i]);
        }
        return g;
    }

    private double[] gaussian(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.nextGaussian();
        return v;
    }
}
