package dev.valuekit.value;

import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Normalizer;
import dev.valuekit.tensor.Precision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The FGSM penalty makes the fitted critic flatter in the observation than plain regression does. */
class AdversarialPenaltyTest {
    @BeforeAll static void runtime() { Nd4jRuntime.configure(Precision.F32, 1); }

    @Test
    void penaltyShrinksTheObservationGradient() {
        int n = 64;
        SplittableRandom rng = new SplittableRandom(5);
        double[] x = new double[n * 2], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = rng.nextDouble(-1, 1);
            x[2 * i + 1] = rng.nextDouble(-1, 1);
            y[i] = Math.sin(4 * x[2 * i]);
        }
        Normalizer norm = Normalizer.of(new double[] {0, 0}, new double[] {1, 1});
        Mlp arch = new Mlp(new int[] {32}, Activation.TANH);
        CriticEnsemble plain = new CriticEnsemble("q", 2, norm, arch, 1e-2, 3);
        CriticEnsemble smooth = new CriticEnsemble("q", 2, norm, arch, 1e-2, 3);
        for (int s = 0; s < 300; s++) {
            plain.train(x, n, y);
            smooth.trainAdversarial(x, n, y, 1, 0.2, 10);
        }
        double gp = obsGradient(plain, x, n), gs = obsGradient(smooth, x, n);
        assertTrue(gs < 0.7 * gp, "adversarial " + gs + " vs plain " + gp);
    }

    private static double obsGradient(CriticEnsemble c, double[] x, int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0);
        double[] g = c.inputGradient(x, n, Aggregation.MEAN, w, null);
        double s = 0;
        for (int i = 0; i < n; i++) s += Math.abs(g[2 * i]) / n;
        return s;
    }
}
