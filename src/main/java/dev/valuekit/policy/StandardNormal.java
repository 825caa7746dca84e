package dev.valuekit.policy;

import java.util.random.RandomGenerator;

/**
 * N(0, 1) by Box–Muller with StrictMath, so a seed gives the same numbers on every JVM (the JDK's
 * nextGaussian algorithm is not part of its specification).
 */
final class StandardNormal {
    private StandardNormal() {}

    static double draw(RandomGenerator rng) {
        double u1 = 1.0 - rng.nextDouble(); // (0, 1]: log is finite
        double u2 = rng.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
    }
}
