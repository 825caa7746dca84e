package dev.valuekit.adapt;

import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.EnsembleMlp;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Param;
import dev.valuekit.tensor.Precision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The factor gradients AdaptedMatrix chains from the network's dW, against central finite differences (f64). */
class AdaptedMatrixTest {
    private static final int IN = 4, HIDDEN = 6, OUT = 4, BATCH = 7;

    @BeforeAll
    static void f64() {
        Nd4jRuntime.configure(Precision.F64, 1);
    }

    @Test
    void lowRankFactorGradientsMatchFiniteDifferences() {
        for (AdapterMethod m : new AdapterMethod[] {AdapterMethod.PISSA, AdapterMethod.SOMA, AdapterMethod.LORA}) {
            check(AdapterOptions.of(m, 2, 5).withAlpha(3));
        }
    }

    @Test
    void kroneckerFactorGradientsMatchFiniteDifferences() {
        check(AdapterOptions.of(AdapterMethod.SOKA, 2, 5));
    }

    @Test
    void materializeWritesTheTransposedEffectiveWeightIntoItsMemberOnly() {
        EnsembleMlp net = net();
        Param w = net.params().get("t.layer.0.weight");
        INDArray before = w.value().dup();
        MatrixRef ref = new MatrixRef("t.layer.0.weight", 1);
        INDArray wt = w.value().slice(1).transpose().dup('c');
        AdaptedMatrix am = new AdaptedMatrix(ref, w, AdapterInit.init(ref.key(), wt, AdapterOptions.of(AdapterMethod.PISSA, 2, 1)));
        am.a().value().addi(0.5);                     // move away from the init so the weight changes
        am.materialize();
        INDArray expected = am.tuned().merged().transpose();
        assertTrue(w.value().slice(1).equalsWithEps(expected, 1e-12));
        assertTrue(w.value().slice(0).equalsWithEps(before.slice(0), 0));
    }

    private static EnsembleMlp net() {
        return new EnsembleMlp("t", 2, IN, new int[] {HIDDEN}, OUT, Activation.TANH, 3);
    }

    /** Loss = Σ out ⊙ R over both members; adapter on layer 0 of member 1 (W [6, 4]). */
    private static void check(AdapterOptions o) {
        EnsembleMlp net = net();
        Param w = net.params().get("t.layer.0.weight");
        MatrixRef ref = new MatrixRef("t.layer.0.weight", 1);
        INDArray wt = w.value().slice(1).transpose().dup('c');
        AdaptedMatrix am = new AdaptedMatrix(ref, w, AdapterInit.init(ref.key(), wt, o));
        SplittableRandom rng = new SplittableRandom(11);
        // move the factors off their init (LoRA's B = 0 would hide dA)
        for (Param p : new Param[] {am.a(), am.b()}) {
            double[] v = p.toDoubleArray();
            for (int i = 0; i < v.length; i++) v[i] += rng.nextDouble(-0.3, 0.3);
            p.set(v);
        }
        INDArray x = Nd4j.create(DataType.DOUBLE, BATCH, IN);
        INDArray r = Nd4j.create(DataType.DOUBLE, 2, BATCH, OUT);
        for (int i = 0; i < x.length(); i++) x.putScalar(i, rng.nextGaussian());
        for (int i = 0; i < r.length(); i++) r.putScalar(i, rng.nextGaussian());

        am.materialize();
        net.params().zeroGrad();
        net.forward(x);
        net.backward(r, false);
        am.backward();
        double[] ga = am.a().grad().data().asDouble(), gb = am.b().grad().data().asDouble();
        double worst = 0;
        for (Param p : new Param[] {am.a(), am.b()}) {
            double[] g = p == am.a() ? ga : gb;
            for (int i = 0; i < p.size(); i++) {
                double fd = (loss(net, am, p, i, 1e-6, x, r) - loss(net, am, p, i, -1e-6, x, r)) / 2e-6;
                assertEquals(fd, g[i], 1e-6 * Math.max(1, Math.abs(fd)), o.method() + " " + p.name() + "[" + i + "]");
                worst = Math.max(worst, Math.abs(fd - g[i]));
            }
        }
        assertTrue(worst < 1e-6);
    }

    private static double loss(EnsembleMlp net, AdaptedMatrix am, Param p, int i, double h, INDArray x, INDArray r) {
        double[] v = p.toDoubleArray();
        double keep = v[i];
        v[i] = keep + h;
        p.set(v);
        am.materialize();
        double l = net.forward(x).mul(r).sumNumber().doubleValue();
        v[i] = keep;
        p.set(v);
        am.materialize();
        return l;
    }
}
