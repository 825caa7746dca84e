package dev.valuekit.tensor;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finite-difference checks (float64) of parameter and input gradients, every activation, both input forms. */
class EnsembleMlpGradientTest {
    static final double TOL = 1e-6;

    @BeforeEach
    void f64() { Nd4jRuntime.configure(Precision.F64, 1); }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"SILU", "RELU", "TANH"})
    void perMemberInputs(Activation act) { check(act, false); }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"SILU", "RELU", "TANH"})
    void sharedInputs(Activation act) { check(act, true); }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"SILU", "TANH"})
    void membersOnTwoThreads(Activation act) {
        Nd4jRuntime.configure(Precision.F64, 2);
        check(act, false);
        check(act, true);
    }

    private void check(Activation act, boolean shared) {
        int members = 2, in = 3, out = 3, batch = 4;
        EnsembleMlp net = new EnsembleMlp("net", members, in, new int[] {5, 4}, out, act, 7);
        SplittableRandom rng = new SplittableRandom(3);
        // Non-zero biases so every path is exercised.
        for (EnsembleDense d : net.layers()) {
            double[] b = new double[(int) d.bias().size()];
            for (int i = 0; i < b.length; i++) b[i] = 0.3 * rng.nextGaussian();
            d.bias().set(b);
        }
        INDArray x = random(rng, shared ? new long[] {batch, in} : new long[] {members, batch, in});
        INDArray r = random(rng, new long[] {members, batch, out});
        // loss = Σ output ⊙ r, so dL/d(output) = r.
        java.util.function.DoubleSupplier loss = () -> net.forward(x).mul(r).sumNumber().doubleValue();

        net.params().zeroGrad();
        net.forward(x);
        double[] dx = net.backward(r, true).data().asDouble();
        double[] dxNum = GradCheck.numeric(x, loss);
        double e = GradCheck.relativeError(dx, dxNum);
        assertTrue(e < TOL, act + " input gradient relative error " + e);
        for (Param p : net.params().list()) {
            double[] a = p.grad().data().asDouble();
            double[] n = GradCheck.numeric(p.value(), loss);
            double pe = GradCheck.relativeError(a, n);
            assertTrue(pe < TOL, act + " " + p.name() + " relative error " + pe);
        }
    }

    static INDArray random(SplittableRandom rng, long[] shape) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape, 'c');
        double[] v = new double[(int) a.length()];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextGaussian();
        a.data().setData(v);
        return a;
    }
}
