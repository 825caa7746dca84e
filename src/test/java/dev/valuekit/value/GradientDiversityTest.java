package dev.valuekit.value;

import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.EnsembleDense;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Normalizer;
import dev.valuekit.tensor.Param;
import dev.valuekit.tensor.Precision;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** EDAC's diversity term: its value by hand, its gradient in g and in the critics' weights by central differences. */
class GradientDiversityTest {
    static final double H = 1e-6;
    final SplittableRandom rng = new SplittableRandom(8);

    @BeforeEach
    void f64() { Nd4jRuntime.configure(Precision.F64, 1); }

    @Test
    void valueByHand() {
        // 2 critics, 1 row, inputs (obs, a0, a1): action gradients (1, 0) and (1, 1)/√2·3 → cos 45°, counted twice, / (N − 1)
        double[] g = {9, 1, 0, 9, 3, 3};
        assertEquals(2 * Math.sqrt(0.5), GradientDiversity.value(g, 2, 1, 3, 1, 1, null), 1e-9);
    }

    @Test
    void gradientInTheActionGradients() {
        int members = 3, rows = 4, inputs = 3;
        double[] g = gaussian(members * rows * inputs), dG = new double[g.length];
        GradientDiversity.value(g, members, rows, inputs, 1, 2.5, dG);
        for (int i = 0; i < g.length; i++) {
            double keep = g[i];
            g[i] = keep + H;
            double up = GradientDiversity.value(g, members, rows, inputs, 1, 2.5, null);
            g[i] = keep - H;
            double down = GradientDiversity.value(g, members, rows, inputs, 1, 2.5, null);
            g[i] = keep;
            assertEquals(2.5 * (up - down) / (2 * H), dG[i], 1e-7, "element " + i);
        }
    }

    @Test
    void exactGradientInTheCriticWeights() {
        int n = 5;
        Normalizer norm = Normalizer.of(new double[] {0.1, -0.2, 0.3}, new double[] {0.7, 2.0, 1.5});
        CriticEnsemble c = new CriticEnsemble("q", 3, norm, new Mlp(new int[] {8, 6}, Activation.RELU), 1e-3, 2);
        for (EnsembleDense d : c.network().layers()) {
            double[] b = new double[(int) d.bias().size()];
            for (int i = 0; i < b.length; i++) b[i] = 0.2 * rng.nextGaussian();
            d.bias().set(b);
        }
        double[] x = gaussian(n * 3);    // one observation column, two action columns
        DoubleSupplier penalty = () -> c.diversityPenalty(x, n, 1, 1.7, false);
        c.network().params().zeroGrad();
        double v = c.diversityPenalty(x, n, 1, 1.7, true);
        assertEquals(v, penalty.getAsDouble(), 1e-12);
        for (Param p : c.network().params().list()) {
            if (p.name().endsWith("bias")) continue;
            double[] a = p.grad().data().asDouble();
            double[] num = numeric(p.value(), penalty);
            double diff = 0, scale = 0;
            for (int i = 0; i < a.length; i++) {
                diff += (a[i] - num[i]) * (a[i] - num[i]);
                scale += num[i] * num[i];
            }
            assertTrue(scale > 0, p.name() + ": zero gradient");
            assertTrue(Math.sqrt(diff / scale) < 1e-6, p.name() + " relative error " + Math.sqrt(diff / scale));
        }
    }

    @Test
    void trainingWithEtaDecorrelatesTheCriticsActionGradients() {
        int n = 64;
        double[] x = gaussian(n * 3), y = new double[n];
        for (int i = 0; i < n; i++) y[i] = Math.sin(2 * x[3 * i]) + 0.5 * x[3 * i + 1] - 0.3 * x[3 * i + 2];
        Normalizer norm = Normalizer.of(new double[3], new double[] {1, 1, 1});
        Mlp arch = new Mlp(new int[] {32}, Activation.RELU);
        CriticEnsemble plain = new CriticEnsemble("q", 4, norm, arch, 3e-3, 6), edac = new CriticEnsemble("q", 4, norm, arch, 3e-3, 6);
        for (int s = 0; s < 300; s++) {
            plain.train(x, n, y);
            edac.trainDiverse(x, n, y, 1, 1.0);
        }
        double esPlain = plain.diversityPenalty(x, n, 1, 1, false), esEdac = edac.diversityPenalty(x, n, 1, 1, false);
        // 4 critics fitting the same slope agree: ES near its maximum N = 4; the term pulls their gradients apart
        assertTrue(esPlain > 3, "plain ES " + esPlain);
        assertTrue(esEdac < esPlain - 0.5, "ES with eta " + esEdac + " vs plain " + esPlain);
    }

    private static double[] numeric(INDArray x, DoubleSupplier f) {
        double[] g = new double[(int) x.length()];
        for (int i = 0; i < g.length; i++) {
            double keep = x.getDouble(i);
            x.data().put(i, keep + H);
            double up = f.getAsDouble();
            x.data().put(i, keep - H);
            double down = f.getAsDouble();
            x.data().put(i, keep);
            g[i] = (up - down) / (2 * H);
        }
        return g;
    }

    private double[] gaussian(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.nextGaussian();
        return v;
    }
}
