package dev.valuekit.policy;

import dev.valuekit.policy.Policy;
import dev.valuekit.env.ActionSpace;

import java.util.random.RandomGenerator;

/** Zero-mean Gaussian torque noise N(0, σ²) per action dimension, clipped to the box. */
final class GaussianPolicy implements Policy {
    private final ActionSpace space;
    private final double sigma;
    private final String spec;

    GaussianPolicy(ActionSpace space, double sigma, String spec) {
        this.space = space;
        this.sigma = sigma;
        this.spec = spec;
    }

    @Override public String spec() { return spec; }

    @Override public double[] act(double[] obs, RandomGenerator rng) {
        double[] a = new double[space.dim()];
        for (int j = 0; j < a.length; j++) {
            double v = sigma * StandardNormal.draw(rng);
            a[j] = (float) Math.min(Math.max(v, space.low(j)), space.high(j));
        }
        return a;
    }
}
