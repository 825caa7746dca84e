package dev.valuekit.tensor;

import dev.valuekit.adapt.Svd;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spectral normalisation: gradients through W/σ(W) against central differences (float64), and σ against
 * LAPACK's singular values.
 */
class SpectralNormTest {
    static final double TOL = 1e-6;
    final SplittableRandom rng = new SplittableRandom(3);

    @BeforeEach
    void f64() { Nd4jRuntime.configure(Precision.F64, 1); }

    /** The analytic gradient treats u and v as constants: σ = uᵀWv. So does the numeric loss here. */
    @Test
    void gradientWithFixedPowerIterationVectors() {
        EnsembleMlp net = network();
        SpectralNorm sn = new SpectralNorm(net, 11);
        sn.normalize();
        check(net, sn, () -> normaliseWithFixedVectors(net, sn));
    }

    /**
     * Once u and v have converged to the top singular pair, dσ/dW = u vᵀ exactly, so the same gradient is the
     * derivative of W/σ_max(W) with σ_max from a full SVD.
     */
    @Test
    void gradientOfTheTrueSpectralNormAtConvergence() {
        EnsembleMlp net = network();
        SpectralNorm sn = new SpectralNorm(net, 11);
        for (int i = 0; i < 2000; i++) sn.normalize();
        check(net, sn, () -> normaliseWithSvd(net, sn));
    }

    @Test
    void optimiserStepsTheRawWeightsAndLayersHoldNormalisedOnes() {
        EnsembleMlp net = network();
        SpectralNorm sn = new SpectralNorm(net, 11);
        Params ps = sn.params();
        assertEquals(net.params().list().size(), ps.list().size());
        assertSame(net.layers().get(2).weight(), ps.get("net.layer.2.weight"), "output layer is not normalised");
        assertTrue(ps.contains("net.layer.0.weight_orig") && !ps.contains("net.layer.0.weight"));
        for (int i = 0; i < 2000; i++) sn.normalize();
        for (int l = 0; l < sn.layerCount(); l++) {
            for (int m = 0; m < net.members(); m++) {
                double rawTop = topSingularValue(sn.raw(l).value(), m);
                assertEquals(rawTop, sn.sigma(l, m), 1e-9 * rawTop, "sigma of layer " + l + " member " + m);
                assertEquals(1.0, topSingularValue(net.layers().get(l).weight().value(), m), 1e-9);
            }
        }
    }

    /** Scope LAST: only the layer feeding the output has a raw twin; the first hidden layer is stepped as is. */
    @Test
    void lastScopeNormalisesOnlyThePenultimateLayer() {
        EnsembleMlp net = network();
        SpectralNorm sn = new SpectralNorm(net, 11, SpectralNorm.Scope.LAST);
        assertEquals(1, sn.layerCount());
        assertEquals(1, sn.networkLayer(0));
        Params ps = sn.params();
        assertSame(net.layers().get(0).weight(), ps.get("net.layer.0.weight"), "first hidden layer is not normalised");
        assertTrue(ps.contains("net.layer.1.weight_orig") && !ps.contains("net.layer.1.weight"));
        double before = topSingularValue(net.layers().get(0).weight().value(), 0);
        for (int i = 0; i < 2000; i++) sn.normalize();
        assertEquals(1.0, topSingularValue(net.layers().get(1).weight().value(), 1), 1e-9);
        assertEquals(before, topSingularValue(net.layers().get(0).weight().value(), 0), 0.0);
        check(net, sn, () -> normaliseWithFixedVectors(net, sn));
    }

    private void check(EnsembleMlp net, SpectralNorm sn, Runnable renormalise) {
        INDArray x = random(new long[] {net.members(), 4, net.inputs()});
        INDArray r = random(new long[] {net.members(), 4, net.outputs()});
        DoubleSupplier loss = () -> {
            renormalise.run();
            return net.forward(x).mul(r).sumNumber().doubleValue();
        };
        sn.params().zeroGrad();
        net.params().zeroGrad();
        net.forward(x);
        net.backward(r, false);
        sn.chainGradients();
        for (Param p : sn.params().list()) {
            double[] a = p.grad().data().asDouble();
            double[] n = GradCheck.numeric(p.value(), loss);
            double e = GradCheck.relativeError(a, n);
            assertTrue(e < TOL, p.name() + " gradient relative error " + e);
        }
    }

    /** W̄ = W / (uᵀ W v) with the normaliser's current u and v, computed here independently. */
    private static void normaliseWithFixedVectors(EnsembleMlp net, SpectralNorm sn) {
        for (int l = 0; l < sn.layerCount(); l++) {
            EnsembleDense d = net.layers().get(sn.networkLayer(l));
            int in = d.in(), out = d.out();
            double[] w = sn.raw(l).value().data().asDouble();
            for (int m = 0; m < d.members(); m++) {
                double[] u = sn.u(l, m), v = sn.v(l, m);
                double sigma = 0;
                for (int i = 0; i < in; i++) for (int j = 0; j < out; j++) sigma += u[i] * w[m * in * out + i * out + j] * v[j];
                for (int k = 0; k < in * out; k++) w[m * in * out + k] /= sigma;
            }
            d.weight().set(w);
        }
    }

    /** W̄ = W / σ_max(W), σ_max from LAPACK. */
    private static void normaliseWithSvd(EnsembleMlp net, SpectralNorm sn) {
        for (int l = 0; l < sn.layerCount(); l++) {
            EnsembleDense d = net.layers().get(sn.networkLayer(l));
            int size = d.in() * d.out();
            double[] w = sn.raw(l).value().data().asDouble();
            for (int m = 0; m < d.members(); m++) {
                double sigma = topSingularValue(sn.raw(l).value(), m);
                for (int k = 0; k < size; k++) w[m * size + k] /= sigma;
            }
            d.weight().set(w);
        }
    }

    static double topSingularValue(INDArray weights, int member) {
        INDArray w = weights.slice(member).castTo(DataType.DOUBLE).dup('c');
        return Svd.full(w).singularValues()[0];
    }

    private EnsembleMlp network() {
        EnsembleMlp net = new EnsembleMlp("net", 2, 3, new int[] {5, 4}, 2, Activation.TANH, 7);
        for (EnsembleDense d : net.layers()) {
            double[] b = new double[(int) d.bias().size()];
            for (int i = 0; i < b.length; i++) b[i] = 0.3 * rng.nextGaussian();
            d.bias().set(b);
        }
        return net;
    }

    private INDArray random(long[] shape) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape, 'c');
        for (long i = 0; i < a.length(); i++) a.data().put(i, rng.nextGaussian());
        return a;
    }
}
