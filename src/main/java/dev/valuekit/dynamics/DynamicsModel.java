package dev.valuekit.dynamics;

import dev.valuekit.env.ActionSpace;

import java.util.random.RandomGenerator;

/**
 * A one-step model of an environment, {@code (obs, act) → (next obs, reward, terminated)}, asked a
 * batch of rows at a time. Built-in environments ({@link EnvDynamics}) and learned ensembles
 * implement it, so rollouts and evaluation take either.
 */
public interface DynamicsModel {
    /** How the user named it ("env:pendulum", a model file path). */
    String name();

    int obsDim();

    int actDim();

    /** The actions it takes (bounds, or a discrete count): what a policy for it must produce. */
    ActionSpace actionSpace();

    /**
     * Predicts a batch: {@code obs[n][obsDim()]}, {@code act[n][actDim()]}. {@code rng} drives
     * sampling models (a deterministic model ignores it). Rows it cannot use (a discrete action out
     * of range) raise {@link InvalidRowException} naming the row.
     */
    Prediction predict(double[][] obs, double[][] act, RandomGenerator rng);

    /** True for an exact simulator: its predictions should match correct data to rounding. */
    default boolean isSimulator() { return false; }
}
