package dev.valuekit.tensor;

import dev.valuekit.common.SeedStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Spectral normalisation (Miyato et al. 2018) of the hidden layers of an {@link EnsembleMlp}: each normalised
 * weight {@code W} (per member, an {@code in × out} matrix) is used as {@code W̄ = W / σ(W)}, σ the largest
 * singular value estimated by power iteration with a persistent left vector {@code u} per member and layer.
 * The output layer and all biases are left free. With {@link Scope#ALL} the network's Lipschitz constant in its
 * (normalised) input is at most that of its output layer times the activations' (1 for ReLU and tanh); with
 * {@link Scope#LAST} only the layer feeding the output is normalised (Bjorck et al. 2021), which bounds the
 * scale of the penultimate features but leaves the input slope to the earlier layers.
 *
 * <p>How it sits on the network without changing it: the layers' own weight {@link Param}s always hold the
 * effective weights {@code W̄}, so forward, backward, target copies and saved artifacts see an ordinary
 * network. The raw weights {@code W} live in this class as separate parameters ({@code <name>_orig}), and
 * {@link #params()} is the network's parameter list with those in place of the normalised weights: what an
 * optimiser must step. A training step is
 * <pre>
 *   zeroGrad; forward/backward (gradients G w.r.t. W̄ land in the layer's weight);
 *   chainGradients();          // G → ∂L/∂W
 *   optimiser.step();          // updates W
 *   normalize();               // one power iteration on the new W, then W̄ ← W / σ
 * </pre>
 * The gradient is PyTorch's ({@code torch.nn.utils.spectral_norm}): u and v are constants of the step, so
 * σ = uᵀWv gives dσ = uᵀ·dW·v and
 * <pre>  ∂L/∂W = (G − ⟨G, W̄⟩·u vᵀ) / σ.</pre>
 */
public final class SpectralNorm {
    /** Power iterations at construction, so the first step's σ is already close (torch's parametrization: 15). */
    public static final int WARMUP_ITERATIONS = 15;
    private static final double EPS = 1e-12;

    /** Which hidden layers are normalised. */
    public enum Scope {
        /** Every hidden layer. */
        ALL,
        /** Only the last hidden layer, the one whose output the output layer reads. */
        LAST;

        /** The word --spectral-norm takes. */
        @Override public String toString() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    private final List<Layer> layers = new ArrayList<>();
    private final Params params = new Params();
    private final int firstLayer;
    private final Scope scope;

    private static final class Layer {
        final EnsembleDense dense;
        final Param raw;
        final double[][] u;          // [member][in]
        final double[][] v;          // [member][out]
        final double[] sigma;        // [member]
        final double[] w;            // raw weights, scratch
        final double[] eff;          // normalised weights as last written

        Layer(EnsembleDense d, SplittableRandom rng) {
            this.dense = d;
            this.raw = new Param(d.weight().name() + "_orig", d.weight().precision(), d.weight().shape()).weightDecay(d.weight().weightDecay());
            raw.value().assign(d.weight().value());
            int m = d.members();
            u = new double[m][d.in()];
            v = new double[m][d.out()];
            sigma = new double[m];
            w = new double[m * d.in() * d.out()];
            eff = new double[w.length];
            for (double[] um : u) {
                for (int i = 0; i < um.length; i++) um[i] = rng.nextGaussian();
                normalizeVector(um);
            }
        }
    }

    /** Normalises every hidden layer of {@code net}. */
    public SpectralNorm(EnsembleMlp net, long seed) {
        this(net, seed, Scope.ALL);
    }

    /**
     * Normalises the hidden layers of {@code net} that {@code scope} names (never the output layer), taking the
     * current weights as the raw ones; u is drawn from {@code seed}, then {@link #WARMUP_ITERATIONS} power
     * iterations set W̄.
     */
    public SpectralNorm(EnsembleMlp net, long seed, Scope scope) {
        SplittableRandom rng = new SplittableRandom(SeedStreams.spectralNorm(seed));
        List<EnsembleDense> ds = net.layers();
        int first = scope == Scope.LAST ? Math.max(0, ds.size() - 2) : 0;
        for (int l = first; l < ds.size() - 1; l++) layers.add(new Layer(ds.get(l), rng));
        this.firstLayer = first;
        this.scope = scope;
        for (Param p : net.params().list()) {
            Layer layer = find(p);
            params.add(layer == null ? p : layer.raw);
        }
        for (Layer layer : layers) normalize(layer, WARMUP_ITERATIONS);
    }

    /** Which hidden layers are normalised. */
    public Scope scope() { return scope; }

    /** The index in the network's layers of normalised layer {@code layer} (0 .. {@link #layerCount()} − 1). */
    public int networkLayer(int layer) { return firstLayer + layer; }

    /** The parameters an optimiser steps: the network's, with each normalised weight replaced by its raw one. */
    public Params params() { return params; }

    /** The current σ estimate of normalised layer {@code layer}, member {@code member} (the divisor of its weight). */
    public double sigma(int layer, int member) { return layers.get(layer).sigma[member]; }

    /** Copies of the current power-iteration vectors u (length in) and v (length out), for tests. */
    double[] u(int layer, int member) { return layers.get(layer).u[member].clone(); }

    double[] v(int layer, int member) { return layers.get(layer).v[member].clone(); }

    /** The raw weight of normalised layer {@code layer}. */
    public Param raw(int layer) { return layers.get(layer).raw; }

    /** Number of normalised layers. */
    public int layerCount() { return layers.size(); }

    /** One power iteration per member and normalised layer on the raw weights, then W̄ ← W / σ into the layers. */
    public void normalize() {
        for (Layer layer : layers) normalize(layer, 1);
    }

    /** Turns the gradients w.r.t. W̄ held by the layers into gradients w.r.t. the raw weights (overwritten). */
    public void chainGradients() {
        for (Layer layer : layers) {
            EnsembleDense d = layer.dense;
            int in = d.in(), out = d.out(), size = in * out;
            double[] g = new double[layer.w.length];
            HostArrays.load(d.weight().grad(), g, g.length);
            for (int m = 0; m < d.members(); m++) {
                int o = m * size;
                double dot = 0;
                for (int k = 0; k < size; k++) dot += g[o + k] * layer.eff[o + k];
                double[] u = layer.u[m], v = layer.v[m];
                double inv = 1 / layer.sigma[m];
                for (int i = 0; i < in; i++) {
                    double ui = dot * u[i];
                    int r = o + i * out;
                    for (int j = 0; j < out; j++) g[r + j] = (g[r + j] - ui * v[j]) * inv;
                }
            }
            HostArrays.store(g, layer.raw.grad());
        }
    }

    private static void normalize(Layer layer, int iterations) {
        EnsembleDense d = layer.dense;
        int in = d.in(), out = d.out(), size = in * out;
        HostArrays.load(layer.raw.value(), layer.w, layer.w.length);
        double[] wv = new double[in];
        for (int m = 0; m < d.members(); m++) {
            int o = m * size;
            double[] u = layer.u[m], v = layer.v[m];
            for (int it = 0; it < iterations; it++) {
                java.util.Arrays.fill(v, 0);                        // v ← normalize(Wᵀu)
                for (int i = 0; i < in; i++) {
                    double ui = u[i];
                    int r = o + i * out;
                    for (int j = 0; j < out; j++) v[j] += ui * layer.w[r + j];
                }
                normalizeVector(v);
                for (int i = 0; i < in; i++) {                      // u ← normalize(W v)
                    int r = o + i * out;
                    double s = 0;
                    for (int j = 0; j < out; j++) s += layer.w[r + j] * v[j];
                    wv[i] = s;
                }
                System.arraycopy(wv, 0, u, 0, in);
                normalizeVector(u);
            }
            double sigma = 0;                                       // σ = uᵀ(W v)
            for (int i = 0; i < in; i++) sigma += u[i] * wv[i];
            if (!(sigma > EPS)) sigma = EPS;
            layer.sigma[m] = sigma;
            for (int k = 0; k < size; k++) layer.eff[o + k] = layer.w[o + k] / sigma;
        }
        HostArrays.store(layer.eff, d.weight().value());
    }

    private Layer find(Param p) {
        for (Layer layer : layers) if (layer.dense.weight() == p) return layer;
        return null;
    }

    private static void normalizeVector(double[] x) {
        double s = 0;
        for (double e : x) s += e * e;
        double n = Math.max(Math.sqrt(s), EPS);
        for (int i = 0; i < x.length; i++) x[i] /= n;
    }
}
