package dev.valuekit.tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam / AdamW over a set of named parameters, with PyTorch's update rule and its order of operations:
 * <pre>
 *   t ← t + 1;  AdamW: θ ← θ·(1 − lr·wd);  Adam: g ← g + wd·θ
 *   m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²
 *   θ ← θ − (lr / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε)
 * </pre>
 * {@code wd} is each parameter's own {@link Param#weightDecay()}. Frozen parameters are skipped and keep
 * no state. Moments are kept in the runtime precision.
 */
public final class Adam {
    private final List<Param> params;
    private AdamOptions options;
    private final Map<String, Object[]> state = new LinkedHashMap<>(); // name → {m, v, θ scratch, g scratch}
    private long steps;

    public Adam(Params params, AdamOptions options) {
        this.params = params.list();
        this.options = options;
    }

    public AdamOptions options() { return options; }

    /** Changes the learning rate (schedules); moments are kept. */
    public void setLearningRate(double lr) {
        options = new AdamOptions(lr, options.beta1(), options.beta2(), options.eps(), options.decoupled());
    }

    public long steps() { return steps; }

    /** One update of every trainable parameter from its current gradient. */
    public void step() {
        steps++;
        double bc1 = 1 - Math.pow(options.beta1(), steps);
        double bc2 = 1 - Math.pow(options.beta2(), steps);
        for (Param p : params) {
            if (!p.trainable()) continue;
            HostMath math = HostMath.of(p.value());
            int n = (int) p.size();
            state.computeIfAbsent(p.name(), k -> new Object[] {math.alloc(n), math.alloc(n), math.alloc(n), math.alloc(n)});
        }
        // Elementwise and independent: each thread updates its own slice of every parameter.
        Parallel.forEach(Nd4jRuntime.threads(), part -> {
            for (Param p : params) {
                if (!p.trainable()) continue;
                Object[] st = state.get(p.name());
                HostMath math = HostMath.of(p.value());
                int n = (int) p.size();
                int from = (int) ((long) n * part.index() / part.count());
                int to = (int) ((long) n * (part.index() + 1) / part.count());
                if (to <= from) continue;
                math.load(p.value(), from, st[2], from, to - from);
                math.load(p.grad(), from, st[3], from, to - from);
                math.adam(st[2], st[3], st[0], st[1], from, to - from, options.learningRate(), options.beta1(),
                        options.beta2(), options.eps(), bc1, bc2, p.weightDecay(), options.decoupled());
                math.store(st[2], from, p.value(), from, to - from);
            }
        });
    }

    /** First and second moments of a parameter as doubles (for checkpoints), or null before its first step. */
    public double[][] moments(String name) {
        Object[] st = state.get(name);
        if (st == null) return null;
        return new double[][] {toDoubles(st[0]), toDoubles(st[1])};
    }

    /** Restores a checkpoint: the step count and each parameter's moments. */
    public void restore(long stepCount, Map<String, double[][]> moments) {
        steps = stepCount;
        state.clear();
        for (Param p : params) {
            double[][] mv = moments.get(p.name());
            if (mv == null) continue;
            HostMath math = HostMath.of(p.value());
            int n = (int) p.size();
            Object[] st = {math.alloc(n), math.alloc(n), math.alloc(n), math.alloc(n)};
            fromDoubles(mv[0], st[0]);
            fromDoubles(mv[1], st[1]);
            state.put(p.name(), st);
        }
    }

    private static double[] toDoubles(Object a) {
        if (a instanceof double[] d) return d.clone();
        float[] f = (float[]) a;
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    private static void fromDoubles(double[] src, Object dst) {
        if (dst instanceof double[] d) {
            System.arraycopy(src, 0, d, 0, d.length);
        } else {
            float[] f = (float[]) dst;
            for (int i = 0; i < f.length; i++) f[i] = (float) src[i];
        }
    }
}
