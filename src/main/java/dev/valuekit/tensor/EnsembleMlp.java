package dev.valuekit.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An ensemble of multilayer perceptrons evaluated together: hidden layers with one activation, a
 * linear output layer, weights {@code [members, in, out]}. Forward and backward are written by hand:
 * per member and layer one GEMM forward and two backward (weight gradient {@code Xᵀ·dZ}, input gradient
 * {@code dZ·Wᵀ}, transposes as BLAS flags), the bias as a rank-1 GEMM and its gradient as a GEMV with a
 * ones vector, and one pass over the activations each way, in row blocks that stay in cache.
 *
 * <p>Inputs are {@code [members, batch, in]} (each member its own minibatch) or {@code [batch, in]}
 * (the same rows for every member; the input gradient is then summed over members). The arrays returned
 * by {@link #forward} and {@link #backward} are internal buffers, reused by the next call with the same
 * batch size: copy them to keep them. Backward adds into the parameters' gradients (zero them first with
 * {@link Params#zeroGrad()}), skips the weight gradient of frozen parameters, and needs the forward call
 * of the same batch just before it.
 *
 * <p>Threads: with more than one thread and more than one member, members run in parallel, each on one
 * thread with single-threaded BLAS (small GEMMs scale better across members than inside one GEMM); a
 * member's arithmetic is the same either way, so results do not depend on the thread count. Not safe
 * for concurrent use: one network, one caller.
 */
public final class EnsembleMlp {
    private static final int MAX_WORKSPACES = 3;
    /** Elementwise passes run over blocks of rows that stay in L1/L2 between copy-in, compute and copy-out. */
    private static final int CHUNK_ROWS = 32;

    private final int members;
    private final int inputs;
    private final int outputs;
    private final List<EnsembleDense> layers;
    private final Params params = new Params();
    private final HostMath math;
    private final Precision precision;
    private final Map<Long, Workspace> workspaces = new LinkedHashMap<>(4, 0.75f, true);
    private Workspace last;

    /**
     * @param prefix     parameter-name prefix, e.g. {@code dynamics}; layers are {@code prefix.layer.i}
     * @param members    ensemble size (1 for a single network)
     * @param hidden     hidden widths, e.g. {200, 200, 200, 200}
     * @param activation activation of every hidden layer (the output layer is linear)
     * @param seed       initialisation seed
     */
    public EnsembleMlp(String prefix, int members, int inputs, int[] hidden, int outputs, Activation activation,
                       long seed) {
        this(prefix, members, inputs, hidden, outputs, activation, seed, Nd4jRuntime.defaultPrecision());
    }

    /** @param precision the precision of the weights and of every array the network computes */
    public EnsembleMlp(String prefix, int members, int inputs, int[] hidden, int outputs, Activation activation,
                       long seed, Precision precision) {
        Nd4jRuntime.ensure();
        this.members = members;
        this.inputs = inputs;
        this.outputs = outputs;
        this.precision = precision;
        this.math = HostMath.of(precision);
        List<EnsembleDense> ls = new ArrayList<>();
        int in = inputs;
        for (int i = 0; i <= hidden.length; i++) {
            boolean lastLayer = i == hidden.length;
            int out = lastLayer ? outputs : hidden[i];
            EnsembleDense d = new EnsembleDense(prefix + ".layer." + i, members, in, out,
                    lastLayer ? Activation.IDENTITY : activation, precision);
            ls.add(d);
            params.add(d.weight()).add(d.bias());
            in = out;
        }
        this.layers = Collections.unmodifiableList(ls);
        SplittableRandom rng = new SplittableRandom(seed);
        for (EnsembleDense d : layers) d.initTruncatedNormal(rng);
    }

    public int members() { return members; }
    public Precision precision() { return precision; }
    public int inputs() { return inputs; }
    public int outputs() { return outputs; }
    public List<EnsembleDense> layers() { return layers; }
    public Params params() { return params; }

    /** Sets each layer's weight decay (biases get none, as in MBPO); the last value repeats if short. */
    public void setWeightDecay(double... perLayer) {
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).weight().weightDecay(perLayer[Math.min(i, perLayer.length - 1)]);
        }
    }

    /** Output {@code [members, batch, outputs]}; see the class comment for shapes and buffer reuse. */
    public INDArray forward(INDArray x) {
        boolean shared = x.rank() == 2;
        if (!shared && (x.rank() != 3 || x.size(0) != members)) {
            throw new IllegalArgumentException("input must be [batch, " + inputs + "] or [" + members + ", batch, "
                    + inputs + "], got " + java.util.Arrays.toString(x.shape()));
        }
        if (x.size(x.rank() - 1) != inputs) {
            throw new IllegalArgumentException("input has " + x.size(x.rank() - 1) + " columns, network expects " + inputs);
        }
        int batch = (int) x.size(x.rank() - 2);
        Workspace ws = workspace(batch, shared);
        ws.input = dense(x, ws);
        runMembers(m -> forwardMember(ws, m));
        last = ws;
        return ws.out[layers.size() - 1];
    }

    /**
     * Back-propagates {@code dOut = dL/d(output)} ({@code [members, batch, outputs]}) through the last
     * forward call. Adds parameter gradients; returns dL/d(input) in the input's shape when
     * {@code inputGradient}, else null.
     */
    public INDArray backward(INDArray dOut, boolean inputGradient) {
        Workspace ws = last;
        if (ws == null) throw new IllegalStateException("backward called before forward");
        if (dOut.rank() != 3 || dOut.size(0) != members || dOut.size(1) != ws.batch || dOut.size(2) != outputs) {
            throw new IllegalArgumentException("output gradient must be [" + members + ", " + ws.batch + ", " + outputs
                    + "], got " + java.util.Arrays.toString(dOut.shape()));
        }
        ws.ensureBackward(inputGradient);
        ws.dOut = dense(dOut, null);
        runMembers(m -> backwardMember(ws, m, inputGradient));
        if (!inputGradient) return null;
        if (!ws.shared) return ws.gradInput;
        int n = ws.batch * inputs;
        Object all = math.alloc(members * n);
        math.load(ws.gradInput, 0, all, 0, members * n);
        Object sum = math.alloc(n);
        for (int m = 0; m < members; m++) math.addInto(all, m * n, sum, 0, n);
        math.store(sum, 0, ws.gradInputShared, 0, n);
        return ws.gradInputShared;
    }

    private void forwardMember(Workspace ws, int m) {
        int b = ws.batch;
        for (int l = 0; l < layers.size(); l++) {
            EnsembleDense d = layers.get(l);
            int in = d.in(), out = d.out();
            INDArray x = l == 0 ? ws.input : ws.out[l - 1];
            long xOff = l == 0 && ws.shared ? 0 : (long) m * b * in;
            int off = m * b * out;
            // Bias rows by a rank-1 product (ones·b), then X·W added on top: no elementwise bias pass.
            math.gemm(false, false, b, out, 1, ws.ones, 0, 1, d.bias().value(), (long) m * out, out,
                    0.0, ws.out[l], off, out);
            math.gemm(false, false, b, out, in, x, xOff, in, d.weight().value(), (long) m * in * out, out,
                    1.0, ws.out[l], off, out);
            if (d.activation() == Activation.IDENTITY) continue;
            for (int r = 0; r < b; r += CHUNK_ROWS) {
                int o = off + r * out, n = Math.min(CHUNK_ROWS, b - r) * out;
                math.load(ws.out[l], o, ws.h[l], o, n);
                math.activate(ws.h[l], ws.s[l], o, n, d.activation());
                math.store(ws.h[l], o, ws.out[l], o, n);
            }
        }
    }

    private void backwardMember(Workspace ws, int m, boolean inputGradient) {
        int b = ws.batch;
        for (int l = layers.size() - 1; l >= 0; l--) {
            EnsembleDense d = layers.get(l);
            int in = d.in(), out = d.out();
            int off = m * b * out;
            INDArray g = l == layers.size() - 1 ? ws.dOut : ws.gradOut[l];
            INDArray dz = g;
            if (d.activation() != Activation.IDENTITY) {
                for (int r = 0; r < b; r += CHUNK_ROWS) {
                    int o = off + r * out, n = Math.min(CHUNK_ROWS, b - r) * out;
                    math.load(g, o, ws.dz[l], o, n);
                    math.activationBackward(ws.dz[l], ws.h[l], ws.s[l], o, n, d.activation());
                    math.store(ws.dz[l], o, ws.dzD[l], o, n);
                }
                dz = ws.dzD[l];
            }
            INDArray x = l == 0 ? ws.input : ws.out[l - 1];
            long xOff = l == 0 && ws.shared ? 0 : (long) m * b * in;
            long wOff = (long) m * in * out;
            if (d.bias().trainable()) {     // column sums of dZ as dZᵀ·ones (GEMV; a 1-row GEMM is 4x slower)
                math.gemvT(b, out, dz, off, out, ws.ones, 0, 1.0, d.bias().grad(), (long) m * out);
            }
            if (d.weight().trainable()) {
                math.gemm(true, false, in, out, b, x, xOff, in, dz, off, out,
                        1.0, d.weight().grad(), wOff, out);
            }
            if (l > 0 || inputGradient) {
                INDArray target = l > 0 ? ws.gradOut[l - 1] : ws.gradInput;
                math.gemm(false, true, b, in, out, dz, off, out, d.weight().value(), wOff, out,
                        0.0, target, (long) m * b * in, in);
            }
        }
    }

    private interface MemberTask { void run(int member); }

    private void runMembers(MemberTask task) {
        int threads = Math.min(Nd4jRuntime.threads(), members);
        Parallel.forEach(threads, part -> {
            for (int mem = part.index(); mem < members; mem += part.count()) task.run(mem);
        });
    }

    /** x itself when it is dense c-order in the network's precision, else a copy of it. */
    private INDArray dense(INDArray x, Workspace ws) {
        boolean ok = x.ordering() == 'c' && !x.isView() && x.data().offset() == 0
                && x.dataType() == DataTypes.of(precision) && x.length() == x.data().length();
        if (ok) return x;
        return x.castTo(DataTypes.of(precision)).dup('c');
    }

    private Workspace workspace(int batch, boolean shared) {
        long key = ((long) batch << 1) | (shared ? 1 : 0);
        Workspace ws = workspaces.get(key);
        if (ws == null) {
            if (workspaces.size() >= MAX_WORKSPACES) {
                Long eldest = workspaces.keySet().iterator().next();
                Workspace gone = workspaces.remove(eldest);
                if (gone == last) last = null;
            }
            ws = new Workspace(batch, shared);
            workspaces.put(key, ws);
        }
        return ws;
    }

    /** Preallocated buffers for one batch size: off-heap for GEMM operands, heap for elementwise passes. */
    private final class Workspace {
        final int batch;
        final boolean shared;
        final INDArray[] out;       // layer outputs (after activation), [M, B, out_l]
        final Object[] h;           // heap copies of the hidden outputs (null for the linear output layer)
        final Object[] s;           // SiLU's sigmoid, null for other activations
        final INDArray ones;        // [batch] of ones: bias broadcast and bias gradient as GEMMs
        INDArray input;
        INDArray dOut;
        Object[] dz;
        INDArray[] dzD;
        INDArray[] gradOut;         // dL/d(out_l) for l < last, written by layer l+1's input-gradient GEMM
        INDArray gradInput;
        INDArray gradInputShared;

        Workspace(int batch, boolean shared) {
            this.batch = batch;
            this.shared = shared;
            int n = layers.size();
            out = new INDArray[n];
            h = new Object[n];
            s = new Object[n];
            ones = create(batch).assign(1.0);
            for (int l = 0; l < n; l++) {
                EnsembleDense d = layers.get(l);
                out[l] = create(members, batch, d.out());
                boolean hidden = d.activation() != Activation.IDENTITY;
                h[l] = hidden ? math.alloc(members * batch * d.out()) : null;
                s[l] = d.activation() == Activation.SILU ? math.alloc(members * batch * d.out()) : null;
            }
        }

        void ensureBackward(boolean inputGradient) {
            int n = layers.size();
            if (dz == null) {
                dz = new Object[n];
                dzD = new INDArray[n];
                gradOut = new INDArray[n];
                for (int l = 0; l < n; l++) {
                    EnsembleDense d = layers.get(l);
                    if (d.activation() != Activation.IDENTITY) {
                        dz[l] = math.alloc(members * batch * d.out());
                        dzD[l] = create(members, batch, d.out());
                    }
                    if (l < n - 1) gradOut[l] = create(members, batch, d.out());
                }
            }
            if (inputGradient && gradInput == null) {
                gradInput = create(members, batch, inputs);
                if (shared) gradInputShared = create(batch, inputs);
            }
        }
    }

    private INDArray create(long... shape) {
        return Nd4j.create(DataTypes.of(precision), shape, 'c');
    }
}
