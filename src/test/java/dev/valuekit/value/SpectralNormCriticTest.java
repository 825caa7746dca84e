package dev.valuekit.value;

import dev.valuekit.adapt.Svd;
import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.EnsembleDense;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Normalizer;
import dev.valuekit.tensor.Precision;
import dev.valuekit.tensor.SpectralNorm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A spectrally normalised ReLU critic after training: every hidden weight has spectral norm ≈ 1 (LAPACK SVD),
 * so |∇ₓQ(x)| never exceeds ‖w_out‖ · Π σ(W̄_l), and the training loss still falls. With scope {@code LAST}
 * only the layer feeding the output is held at 1.
 */
class SpectralNormCriticTest {
    @BeforeAll static void runtime() { Nd4jRuntime.configure(Precision.F64, 1); }

    @Test
    void trainedHiddenLayersStayOneLipschitz() {
        int n = 128;
        SplittableRandom rng = new SplittableRandom(5);
        double[] x = new double[n * 2], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = rng.nextDouble(-1, 1);
            x[2 * i + 1] = rng.nextDouble(-1, 1);
            y[i] = 5 * Math.sin(3 * x[2 * i]) + x[2 * i + 1];
        }
        Normalizer norm = Normalizer.of(new double[] {0, 0}, new double[] {1, 1});
        CriticEnsemble c = new CriticEnsemble("q", 1, norm, new Mlp(new int[] {32, 32}, Activation.RELU), 1e-2, 3, SpectralNorm.Scope.ALL);
        double first = c.train(x, n, y), last = first;
        for (int s = 0; s < 400; s++) last = c.train(x, n, y);
        assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);

        List<EnsembleDense> layers = c.network().layers();
        double bound = 1;
        for (int l = 0; l < layers.size(); l++) {
            double s = top(layers.get(l).weight().value());
            if (l < layers.size() - 1) assertEquals(1.0, s, 0.02, "hidden layer " + l);
            bound *= s;
        }
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0);
        double[] g = c.inputGradient(x, n, Aggregation.MEAN, w, null);
        double max = 0;
        for (int i = 0; i < n; i++) max = Math.max(max, Math.hypot(g[2 * i], g[2 * i + 1]));
        assertTrue(max <= bound * (1 + 1e-9), "gradient norm " + max + " above the Lipschitz bound " + bound);
        // the target's slope is up to 15: the free output layer grew to carry it
        assertTrue(bound > 3, "bound " + bound);
    }

    @Test
    void lastScopeNormalisesOnlyTheLayerFeedingTheOutput() {
        int n = 128;
        SplittableRandom rng = new SplittableRandom(8);
        double[] x = new double[n * 2], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = rng.nextDouble(-1, 1);
            x[2 * i + 1] = rng.nextDouble(-1, 1);
            y[i] = 20 * Math.sin(3 * x[2 * i]) + 10 * x[2 * i + 1];
        }
        Normalizer norm = Normalizer.of(new double[] {0, 0}, new double[] {1, 1});
        CriticEnsemble c = new CriticEnsemble("q", 2, norm, new Mlp(new int[] {32, 32, 32}, Activation.RELU), 1e-2, 4,
                SpectralNorm.Scope.LAST);
        SpectralNorm sn = c.spectralNorm();
        assertEquals(SpectralNorm.Scope.LAST, sn.scope());
        assertEquals(1, sn.layerCount());
        assertEquals(2, sn.networkLayer(0));
        double first = c.train(x, n, y), last = first;
        for (int s = 0; s < 400; s++) last = c.train(x, n, y);
        assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);

        List<EnsembleDense> layers = c.network().layers();
        for (int m = 0; m < 2; m++) {
            assertEquals(1.0, top(layers.get(2).weight().value(), m), 0.02, "last hidden layer, member " + m);
            for (int l = 0; l < 2; l++) {
                // unconstrained: they grow (to about 4.5 and 13 here) to carry the target's slope of up to 60
                double s = top(layers.get(l).weight().value(), m);
                assertTrue(s > 2, "hidden layer " + l + " member " + m + " is free, sigma " + s);
            }
        }
    }

    private static double top(INDArray weight) { return top(weight, 0); }

    private static double top(INDArray weight, int member) {
        INDArray m = weight.slice(member).castTo(DataType.DOUBLE).dup('c');
        return Svd.full(m).singularValues()[0];
    }

}
