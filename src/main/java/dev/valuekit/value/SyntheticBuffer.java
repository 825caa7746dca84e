package dev.valuekit.value;

import java.util.random.RandomGenerator;

/** A ring buffer of model-generated transitions: the newest {@code capacity} are kept (MBPO's model buffer). */
public final class SyntheticBuffer implements TransitionSource {
    private final int obsDim, actDim, capacity;
    private final double[] obs, act, reward, next;
    private final boolean[] terminal;
    private int size, head;

    public SyntheticBuffer(int obsDim, int actDim, int capacity) {
        this.obsDim = obsDim;
        this.actDim = actDim;
        this.capacity = capacity;
        obs = new double[capacity * obsDim];
        next = new double[capacity * obsDim];
        act = new double[capacity * actDim];
        reward = new double[capacity];
        terminal = new boolean[capacity];
    }

    public int size() { return size; }

    public void add(double[] o, double[] a, double r, double[] n, boolean t) {
        System.arraycopy(o, 0, obs, head * obsDim, obsDim);
        System.arraycopy(a, 0, act, head * actDim, actDim);
        System.arraycopy(n, 0, next, head * obsDim, obsDim);
        reward[head] = r;
        terminal[head] = t;
        head = (head + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    @Override
    public TransitionSample sample(int n, RandomGenerator rng) {
        if (size == 0) throw new IllegalStateException("empty synthetic buffer");
        double[] o = new double[n * obsDim], a = new double[n * actDim], r = new double[n], no = new double[n * obsDim];
        boolean[] t = new boolean[n];
        for (int i = 0; i < n; i++) {
            int row = rng.nextInt(size);
            System.arraycopy(obs, row * obsDim, o, i * obsDim, obsDim);
            System.arraycopy(next, row * obsDim, no, i * obsDim, obsDim);
            System.arraycopy(act, row * actDim, a, i * actDim, actDim);
            r[i] = reward[row];
            t[i] = terminal[row];
        }
        return new TransitionSample(n, o, a, r, no, t);
    }

    /** {@code realShare} of each batch from {@code real}, the rest from this buffer (MBPO's real ratio). */
    public TransitionSource mixedWith(TransitionSource real, double realShare) {
        return (n, rng) -> {
            int nr = (int) Math.round(n * realShare);
            if (size == 0) nr = n;
            if (nr == n) return real.sample(n, rng);
            if (nr == 0) return sample(n, rng);
            TransitionSample a = real.sample(nr, rng), b = sample(n - nr, rng);
            return new TransitionSample(n, cat(a.obs(), b.obs()), cat(a.act(), b.act()), cat(a.reward(), b.reward()),
                    cat(a.nextObs(), b.nextObs()), cat(a.terminal(), b.terminal()));
        };
    }

    private static double[] cat(double[] a, double[] b) {
        double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static boolean[] cat(boolean[] a, boolean[] b) {
        boolean[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
