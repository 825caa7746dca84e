package dev.valuekit.env;

import java.util.random.RandomGenerator;

/** NumPy's {@code uniform(low, high)}: {@code low + (high - low) * U[0, 1)}. */
final class Uniform {
    private Uniform() {}

    static double draw(RandomGenerator rng, double low, double high) {
        return low + (high - low) * rng.nextDouble();
    }
}
