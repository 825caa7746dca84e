package dev.valuekit.tensor;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-computed forward passes, initialisation statistics, the fast float sigmoid, determinism, freezing. */
class EnsembleMlpTest {

    @Test
    void handComputedTwoMembers() {
        Nd4jRuntime.configure(Precision.F64, 1);
        // 2 members, 2 inputs → 2 hidden (ReLU) → 1 output.
        EnsembleMlp net = new EnsembleMlp("n", 2, 2, new int[] {2}, 1, Activation.RELU, 0);
        net.params().get("n.layer.0.weight").set(new double[] {1, -1, 2, 0, /* member 1 */ 0.5, 0, 0, 0.5});
        net.params().get("n.layer.0.bias").set(new double[] {0, 1, /* member 1 */ -1, 0});
        net.params().get("n.layer.1.weight").set(new double[] {1, 1, /* member 1 */ 2, -1});
        net.params().get("n.layer.1.bias").set(new double[] {0.5, 0});
        INDArray x = Nd4j.create(new double[] {1, 2, 3, -1}, new long[] {2, 2}, DataType.DOUBLE); // shared rows
        // member 0: row (1,2): z = (1+4+0, −1+0+1) = (5, 0) → relu (5, 0) → 5+0+0.5 = 5.5
        //           row (3,−1): z = (3−2, −3+1) = (1, −2) → (1, 0) → 1.5
        // member 1: row (1,2): z = (0.5−1, 1) = (−0.5, 1) → (0, 1) → 0·2 − 1 = −1
        //           row (3,−1): z = (1.5−1, −0.5) → (0.5, 0) → 1
        assertArrayEquals(new double[] {5.5, 1.5, -1, 1}, net.forward(x).data().asDouble(), 1e-15);
    }

    @Test
    void initialisationIsTruncatedNormalWithZeroBias() {
        Nd4jRuntime.configure(Precision.F64, 1);
        EnsembleMlp net = new EnsembleMlp("n", 3, 100, new int[] {50}, 2, Activation.SILU, 42);
        double[] w = net.params().get("n.layer.0.weight").toDoubleArray();
        double std = 1 / (2 * Math.sqrt(100));
        double ss = 0;
        for (double v : w) {
            assertTrue(Math.abs(v) <= 2 * std, "outside ±2σ: " + v);
            ss += v * v;
        }
        // A normal truncated at ±2σ has std 0.8796·σ.
        assertEquals(0.8796 * std, Math.sqrt(ss / w.length), 0.02 * std);
        for (double b : net.params().get("n.layer.0.bias").toDoubleArray()) assertEquals(0, b, 0);
        EnsembleMlp again = new EnsembleMlp("n", 3, 100, new int[] {50}, 2, Activation.SILU, 42);
        assertArrayEquals(w, again.params().get("n.layer.0.weight").toDoubleArray(), 0);
    }

    @Test
    void fastFloatSigmoidIsAccurate() {
        double worst = 0;
        for (int i = -4000; i <= 4000; i++) {
            float x = i / 100f;
            double exact = 1 / (1 + Math.exp(-(double) x));
            worst = Math.max(worst, Math.abs(HostMathF32.sigmoid(x) - exact));
        }
        assertTrue(worst < 2e-7, "max abs error " + worst);
    }

    @Test
    void float32MatchesFloat64() {
        double[] f64 = trainAndPredict(Precision.F64, 1);
        double[] f32 = trainAndPredict(Precision.F32, 1);
        for (int i = 0; i < f64.length; i++) assertEquals(f64[i], f32[i], 1e-3 * (1 + Math.abs(f64[i])));
    }

    @Test
    void sameSeedSameWeightsAcrossRunsAndThreadCounts() {
        for (Precision p : Precision.values()) {
            double[] a = trainAndPredict(p, 1);
            double[] b = trainAndPredict(p, 1);
            double[] c = trainAndPredict(p, 2);
            assertArrayEquals(a, b, 0, p + ": same seed, same threads");
            assertArrayEquals(a, c, 0, p + ": same seed, 1 vs 2 threads");
        }
    }

    @Test
    void frozenWeightsGetNoGradient() {
        Nd4jRuntime.configure(Precision.F64, 1);
        EnsembleMlp net = new EnsembleMlp("n", 2, 3, new int[] {4}, 2, Activation.TANH, 1);
        net.params().get("n.layer.0.weight").trainable(false);
        net.params().zeroGrad();
        INDArray x = EnsembleMlpGradientTest.random(new SplittableRandom(1), new long[] {2, 5, 3});
        net.forward(x);
        net.backward(Nd4j.ones(DataType.DOUBLE, 2, 5, 2), false);
        assertEquals(0, net.params().get("n.layer.0.weight").grad().sumNumber().doubleValue(), 0);
        assertTrue(net.params().get("n.layer.1.weight").grad().norm2Number().doubleValue() > 0);
        assertTrue(net.params().get("n.layer.0.bias").grad().norm2Number().doubleValue() > 0);
    }

    /** A few Adam steps of the NLL recipe on random data; returns the final weights and a prediction. */
    private static double[] trainAndPredict(Precision precision, int threads) {
        Nd4jRuntime.configure(precision, threads);
        int members = 3, in = 4, d = 2, batch = 16, rows = 64;
        EnsembleMlp net = new EnsembleMlp("dyn", members, in, new int[] {16, 16}, 2 * d, Activation.SILU, 9);
        net.setWeightDecay(2.5e-5, 5e-5, 1e-4);
        GaussianNll nll = new GaussianNll("dyn", d);
        Params all = new Params().addAll(net.params()).addAll(nll.params());
        Adam adam = new Adam(all, AdamOptions.adam(1e-2));
        SplittableRandom rng = new SplittableRandom(4);
        double[] x = new double[rows * in];
        double[] y = new double[rows * d];
        for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
        for (int r = 0; r < rows; r++) {
            y[r * d] = Math.sin(x[r * in]);
            y[r * d + 1] = x[r * in + 1] * x[r * in + 2];
        }
        int[][] order = new int[members][rows];
        for (int m = 0; m < members; m++) for (int r = 0; r < rows; r++) order[m][r] = (r * (m + 1) * 7) % rows;
        INDArray xb = Nd4j.create(DataTypes.of(precision), new long[] {members, batch, in}, 'c');
        INDArray yb = Nd4j.create(DataTypes.of(precision), new long[] {members, batch, d}, 'c');
        for (int step = 0; step < 8; step++) {
            int start = (step % (rows / batch)) * batch;
            Minibatches.gather(x, in, order, start, batch, xb);
            Minibatches.gather(y, d, order, start, batch, yb);
            all.zeroGrad();
            GaussianNll.Result r = nll.lossAndGradient(net.forward(xb), yb);
            net.backward(r.gradient(), false);
            GradientClipping.clipGlobalNorm(all, 10.0);
            adam.step();
        }
        double[] w = net.params().get("dyn.layer.1.weight").toDoubleArray();
        double[] lo = nll.minLogVar().toDoubleArray();
        double[] pred = net.forward(xb).data().asDouble();
        double[] outArr = new double[w.length + lo.length + pred.length];
        System.arraycopy(w, 0, outArr, 0, w.length);
        System.arraycopy(lo, 0, outArr, w.length, lo.length);
        System.arraycopy(pred, 0, outArr, w.length + lo.length, pred.length);
        return outArr;
    }
}
