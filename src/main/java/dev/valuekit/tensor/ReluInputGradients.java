package dev.valuekit.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-member input gradients {@code gₘ(x) = ∇ₓQₘ(x)} of a scalar-output ReLU ensemble at shared inputs, and the
 * exact parameter gradient of a linear functional of them, {@code ∂/∂θ Σ_{m,b} ⟨c_{m,b}, gₘ(x_b)⟩} (a double
 * gradient: EDAC's diversity term is a function of the action gradients).
 *
 * <p>Why ReLU makes it exact and cheap: with the activation masks D_l of a row fixed, the network is linear in
 * its input, {@code gₘ = W₀ D₀ W₁ D₁ ⋯ w_L}, and the masks are locally constant in the weights (their change has
 * measure zero), so {@code ⟨c, g⟩} is the directional derivative of that linear network along c. Running c
 * forward through it (no biases) gives tangent activations {@code t_l = D_l ⊙ (t_{l−1}·W_l)}, {@code t_{−1} = c};
 * with δ_l the ordinary backward signals of Q (δ_L = 1, {@code δ_l = D_l ⊙ (δ_{l+1}·W_{l+1}ᵀ)}),
 * <pre>  ∂⟨c, g⟩/∂W_l = t_{l−1}ᵀ·δ_l,   ∂⟨c, g⟩/∂b_l = 0.</pre>
 * Cost: one forward, one backward and one tangent pass, all as per-member GEMMs. Smooth activations would add
 * second-derivative terms and are refused.
 *
 * <p>Use: {@link #compute} (forward and backward, kept), then {@link #accumulate} any number of times; weight
 * gradients are added into the network's parameters (frozen ones skipped). Not thread-safe.
 */
public final class ReluInputGradients {
    private final EnsembleMlp net;
    private final HostMath math;
    private final int members;
    private int batch = -1;
    private INDArray input;      // [B, in]
    private INDArray[] h;        // hidden outputs [M, B, out_l], then the tangents in accumulate
    private INDArray[] delta;    // dQ/dz_l [M, B, out_l]; the last is ones
    private boolean[][] mask;    // hidden l: z > 0, [M·B·out_l]
    private INDArray gradInput;  // [M, B, in]
    private INDArray tangentIn;  // [M, B, in]

    public ReluInputGradients(EnsembleMlp net) {
        if (net.outputs() != 1) throw new IllegalArgumentException("needs a scalar output, got " + net.outputs());
        var ls = net.layers();
        for (int l = 0; l < ls.size() - 1; l++) {
            if (ls.get(l).activation() != Activation.RELU) {
                throw new IllegalArgumentException("exact double gradients need ReLU hidden layers, layer " + l + " is "
                        + ls.get(l).activation());
            }
        }
        this.net = net;
        this.members = net.members();
        this.math = HostMath.of(net.precision());
    }

    /**
     * Input gradients of every member at rows {@code x} ({@code [b, in]} row-major, in the network's input units):
     * {@code [members, b, in]} row-major.
     */
    public double[] compute(double[] x, int b) {
        var ls = net.layers();
        int last = ls.size() - 1, in0 = net.inputs();
        ensure(b);
        math.storeDoubles(x, 0, input, 0, b * in0);
        for (int l = 0; l < last; l++) {
            EnsembleDense d = ls.get(l);
            int in = d.in(), out = d.out();
            for (int m = 0; m < members; m++) {
                INDArray a = l == 0 ? input : h[l - 1];
                long aOff = l == 0 ? 0 : (long) m * b * in;
                math.gemm(false, false, b, out, in, a, aOff, in, d.weight().value(), (long) m * in * out, out,
                        0.0, h[l], (long) m * b * out, out);
            }
            double[] z = doubles(h[l]);
            double[] bias = doubles(d.bias().value());
            boolean[] mk = mask[l];
            for (int m = 0; m < members; m++) {
                for (int r = 0; r < b; r++) {
                    int o = (m * b + r) * out;
                    for (int j = 0; j < out; j++) {
                        double v = z[o + j] + bias[m * out + j];
                        mk[o + j] = v > 0;
                        z[o + j] = v > 0 ? v : 0;
                    }
                }
            }
            math.storeDoubles(z, 0, h[l], 0, z.length);
        }
        for (int l = last; l >= 0; l--) {                       // δ_{l−1} = D ⊙ (δ_l·W_lᵀ); at l = 0 the input gradient
            EnsembleDense d = ls.get(l);
            int in = d.in(), out = d.out();
            INDArray target = l == 0 ? gradInput : delta[l - 1];
            for (int m = 0; m < members; m++) {
                math.gemm(false, true, b, in, out, delta[l], (long) m * b * out, out, d.weight().value(), (long) m * in * out, out,
                        0.0, target, (long) m * b * in, in);
            }
            if (l > 0) applyMask(target, mask[l - 1]);
        }
        return doubles(gradInput);
    }

    /**
     * Adds {@code ∂/∂θ Σ_{m,b} ⟨c[m, b, :], gₘ(x_b)⟩} at the rows of the last {@link #compute} into the weight
     * gradients ({@code c} is {@code [members, b, in]} row-major, in the network's input units).
     */
    public void accumulate(double[] c) {
        if (batch < 0) throw new IllegalStateException("accumulate called before compute");
        var ls = net.layers();
        int last = ls.size() - 1, b = batch;
        math.storeDoubles(c, 0, tangentIn, 0, members * b * net.inputs());
        for (int l = 0; l <= last; l++) {
            EnsembleDense d = ls.get(l);
            int in = d.in(), out = d.out();
            INDArray t = l == 0 ? tangentIn : h[l - 1];       // h now holds the tangents t_{l−1}
            for (int m = 0; m < members; m++) {
                long tOff = (long) m * b * in, wOff = (long) m * in * out;
                if (d.weight().trainable()) {
                    math.gemm(true, false, in, out, b, t, tOff, in, delta[l], (long) m * b * out, out,
                            1.0, d.weight().grad(), wOff, out);
                }
            }
            if (l == last) break;
            for (int m = 0; m < members; m++) {               // t_l = D_l ⊙ (t_{l−1}·W_l), written over the hidden outputs
                math.gemm(false, false, b, out, in, t, (long) m * b * in, in, d.weight().value(), (long) m * in * out, out,
                        0.0, h[l], (long) m * b * out, out);
            }
            applyMask(h[l], mask[l]);
        }
        batch = -1;     // the hidden outputs are gone: compute again before the next accumulate
    }

    private void applyMask(INDArray a, boolean[] mk) {
        double[] v = doubles(a);
        for (int i = 0; i < v.length; i++) if (!mk[i]) v[i] = 0;
        math.storeDoubles(v, 0, a, 0, v.length);
    }

    private double[] doubles(INDArray a) {
        double[] d = new double[(int) a.length()];
        math.loadDoubles(a, 0, d, 0, d.length);
        return d;
    }

    private void ensure(int b) {
        var ls = net.layers();
        int n = ls.size();
        if (input == null || input.size(0) != b) {
            input = create(b, net.inputs());
            h = new INDArray[n - 1];
            mask = new boolean[n - 1][];
            delta = new INDArray[n];
            for (int l = 0; l < n; l++) {
                int out = ls.get(l).out();
                delta[l] = create(members, b, out);
                if (l < n - 1) {
                    h[l] = create(members, b, out);
                    mask[l] = new boolean[members * b * out];
                }
            }
            delta[n - 1].assign(1.0);
            gradInput = create(members, b, net.inputs());
            tangentIn = create(members, b, net.inputs());
        }
        batch = b;
    }

    private INDArray create(long... shape) {
        return Nd4j.create(DataTypes.of(net.precision()), shape, 'c');
    }
}
