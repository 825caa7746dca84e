package dev.valuekit.policy;

import dev.valuekit.policy.Policy;
import java.util.random.RandomGenerator;

/** The same action every step ({@code zero}, {@code constant:V}). */
final class ConstantPolicy implements Policy {
    private final String spec;
    private final double[] action;

    ConstantPolicy(String spec, double[] action) {
        this.spec = spec;
        this.action = action.clone();
    }

    @Override public String spec() { return spec; }

    @Override public double[] act(double[] obs, RandomGenerator rng) { return action.clone(); }
}
