package dev.valuekit.policy;

import java.util.random.RandomGenerator;

/** Chooses an action for an observation. Actions are float32 values (discrete: an integer). */
public interface Policy {
    /** The spec it was built from ("gaussian:0.5"), for logs and provenance. */
    String spec();

    double[] act(double[] obs, RandomGenerator rng);
}
