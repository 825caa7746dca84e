package dev.valuekit.policy;

import dev.valuekit.policy.Policy;
import dev.valuekit.env.ActionSpace;

import java.util.random.RandomGenerator;

/** Uniform over the action space, as Gymnasium's {@code action_space.sample()}. */
final class UniformPolicy implements Policy {
    private final ActionSpace space;

    UniformPolicy(ActionSpace space) { this.space = space; }

    @Override public String spec() { return "random"; }

    @Override public double[] act(double[] obs, RandomGenerator rng) {
        if (space.isDiscrete()) return new double[] {rng.nextInt(space.n())};
        double[] a = new double[space.dim()];
        for (int j = 0; j < a.length; j++) {
            float v = (float) (space.low(j) + (space.high(j) - space.low(j)) * rng.nextDouble());
            // rounding to float32 may land just past the upper bound
            a[j] = Math.min(v, space.high(j));
        }
        return a;
    }
}
