package dev.valuekit.tensor;

import java.util.SplittableRandom;

/**
 * One dense layer of an ensemble: weight {@code [members, in, out]} (member m computes x·W[m] + b[m]),
 * bias {@code [members, 1, out]}, followed by an activation. The arithmetic lives in {@link EnsembleMlp},
 * which runs whole members at a time; this class holds the parameters and their initialisation.
 */
public final class EnsembleDense {
    private final int members;
    private final int in;
    private final int out;
    private final Activation activation;
    private final Param weight;
    private final Param bias;

    public EnsembleDense(String name, int members, int in, int out, Activation activation) {
        this(name, members, in, out, activation, Nd4jRuntime.defaultPrecision());
    }

    public EnsembleDense(String name, int members, int in, int out, Activation activation, Precision precision) {
        if (members < 1 || in < 1 || out < 1) {
            throw new IllegalArgumentException(name + ": sizes must be positive, got members=" + members
                    + " in=" + in + " out=" + out);
        }
        this.members = members;
        this.in = in;
        this.out = out;
        this.activation = activation;
        this.weight = new Param(name + ".weight", precision, members, in, out);
        this.bias = new Param(name + ".bias", precision, members, 1, out);
    }

    public int members() { return members; }
    public int in() { return in; }
    public int out() { return out; }
    public Activation activation() { return activation; }
    public Param weight() { return weight; }
    public Param bias() { return bias; }

    /**
     * mbrl-lib's initialisation: weights from a normal with std 1/(2·√in) truncated at two standard
     * deviations (out-of-range draws are redrawn), biases zero. Draws run member by member in row-major
     * order from {@code rng}, so a seed fixes the weights whatever the thread count.
     */
    public void initTruncatedNormal(SplittableRandom rng) {
        double std = 1.0 / (2.0 * Math.sqrt(in));
        double[] w = new double[members * in * out];
        for (int i = 0; i < w.length; i++) w[i] = std * truncatedGaussian(rng);
        weight.set(w);
        bias.set(new double[members * out]);
    }

    /** A standard normal draw conditioned on |x| ≤ 2. */
    static double truncatedGaussian(SplittableRandom rng) {
        while (true) {
            double g = rng.nextGaussian();
            if (g >= -2.0 && g <= 2.0) return g;
        }
    }
}
