package dev.valuekit.cltv;

import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Normalizer;
import dev.valuekit.tensor.Param;
import dev.valuekit.tensor.Precision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finite differences (float64, central, h = 1e-6) of OptDist's two objectives: the sub-network objective
 * with respect to the sub-network logits and parameters, the selector objective with respect to the
 * selector logits and parameters, and both through the shared embeddings; for both --sub-loss modes.
 */
class OptDistGradientTest {
    static final double H = 1e-6;
    static final double TOL = 1e-6;

    @BeforeEach
    void f64() { Nd4jRuntime.configure(Precision.F64, 1); }

    @AfterEach
    void f32() { Nd4jRuntime.configure(Precision.F32, 1); }

    /** Rows with zero and positive labels, logits in a range where σ is above its floor. */
    @ParameterizedTest
    @EnumSource(OptDistObjective.SubLoss.class)
    void objectiveGradientsMatchFiniteDifferences(OptDistObjective.SubLoss mode) {
        int n = 5, L = 3;
        SplittableRandom rng = new SplittableRandom(11);
        double[] y = {0, 2.5, 0.3, 0, 40};
        double[] sub = gaussian(rng, n * L * 3, 0.8), sel = gaussian(rng, n * L, 1.0), noise = new double[n * L];
        OptDistObjective.gumbel(rng, noise, n * L);
        OptDistObjective obj = new OptDistObjective(L, 0.7, 2.0, mode);
        OptDistObjective.Targets t = obj.targets(obj.losses(y, n, sub), n);
        double tau = 0.5;
        OptDistObjective.Result r = obj.evaluate(y, n, sub, sel, noise, tau, t);
        double[] numSub = numeric(sub, () -> obj.evaluate(y, n, sub, sel, noise, tau, t).subObjective());
        double[] numSel = numeric(sel, () -> obj.evaluate(y, n, sub, sel, noise, tau, t).selectorObjective());
        assertClose(r.dSub(), numSub, "d(sub objective)/d(sub logits)");
        assertClose(r.dSel(), numSel, "d(selector objective)/d(selector logits)");
    }

    /**
     * Through the whole network: J(θ) = subObjective(sub(θ), selector(θ₀)) + selectorObjective(sub(θ₀), selector(θ)),
     * with targets and noise fixed at θ₀, is the function whose gradient backward accumulates.
     */
    @ParameterizedTest
    @EnumSource(OptDistObjective.SubLoss.class)
    void networkGradientsMatchFiniteDifferences(OptDistObjective.SubLoss mode) {
        int n = 6, L = 3;
        CustomerEncoder enc = new CustomerEncoder(List.of("a", "b"), CustomerEncoder.Transform.NONE,
                Normalizer.of(new double[2], new double[] {1, 1}), List.of("c"), List.of(List.of("x", "y")));
        CltvNetwork net = new CltvNetwork(new NetworkShape(NeuralModelType.OPTDIST, new int[] {4}, Activation.TANH, L, 2), enc, 5);
        SplittableRandom rng = new SplittableRandom(3);
        for (Param p : net.params().list()) p.set(gaussian(rng, (int) p.size(), 0.5));
        net.refreshEmbeddings();
        CustomerEncoder.Encoded data = new CustomerEncoder.Encoded(n, gaussian(rng, n * 2, 1.0), new int[] {0, 1, 2, 1, 2, 0}, 0, null);
        double[] y = {0, 1.5, 7, 0, 0.2, 3};
        double[] noise = new double[n * L];
        OptDistObjective.gumbel(rng, noise, n * L);
        OptDistObjective obj = new OptDistObjective(L, 1.0, 2.0, mode);
        double tau = 0.7;
        CltvNetwork.Output base = net.forward(data, null, 0, n);
        OptDistObjective.Targets t = obj.targets(obj.losses(y, n, base.sub()), n);
        OptDistObjective.Result r = obj.evaluate(y, n, base.sub(), base.selector(), noise, tau, t);
        net.params().zeroGrad();
        net.backward(r.dSub(), r.dSel());
        DoubleSupplier j = () -> {
            net.refreshEmbeddings();
            CltvNetwork.Output o = net.forward(data, null, 0, n);
            return obj.evaluate(y, n, o.sub(), base.selector(), noise, tau, t).subObjective()
                    + obj.evaluate(y, n, base.sub(), o.selector(), noise, tau, t).selectorObjective();
        };
        for (Param p : net.params().list()) {
            double[] analytic = p.grad().data().asDouble();
            double[] num = new double[analytic.length];
            for (int i = 0; i < num.length; i++) {
                double keep = p.value().data().getDouble(i);
                p.value().data().put(i, keep + H);
                double up = j.getAsDouble();
                p.value().data().put(i, keep - H);
                double down = j.getAsDouble();
                p.value().data().put(i, keep);
                num[i] = (up - down) / (2 * H);
            }
            assertClose(analytic, num, p.name());
        }
    }

    static double[] numeric(double[] x, DoubleSupplier f) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double keep = x[i];
            x[i] = keep + H;
            double up = f.getAsDouble();
            x[i] = keep - H;
            double down = f.getAsDouble();
            x[i] = keep;
            g[i] = (up - down) / (2 * H);
        }
        return g;
    }

    static void assertClose(double[] analytic, double[] numeric, String what) {
        double diff = 0, a = 0, b = 0;
        for (int i = 0; i < analytic.length; i++) {
            diff += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
            a += analytic[i] * analytic[i];
            b += numeric[i] * numeric[i];
        }
        double scale = Math.max(Math.sqrt(a), Math.sqrt(b));
        assertTrue(scale > 0, what + ": gradient is identically zero");
        double rel = Math.sqrt(diff) / scale;
        assertTrue(rel < TOL, what + ": relative error " + rel);
    }

    static double[] gaussian(SplittableRandom rng, int n, double std) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = std * rng.nextGaussian();
        return v;
    }
}
