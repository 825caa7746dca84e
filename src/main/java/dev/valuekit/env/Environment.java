package dev.valuekit.env;

import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A Gymnasium classic-control environment as a pure function of its state: {@link #step} does not
 * mutate anything, so one instance serves any number of episodes, threads or data rows.
 *
 * <p>The internal state is what Gymnasium keeps in {@code env.state} (e.g. the pendulum's unwrapped
 * angle); observations are float32 values held in doubles. Actions are float32 values (the action
 * spaces are float32 boxes) or, for discrete spaces, one integer-valued double.
 */
public interface Environment {
    /** Short name used on the command line ("pendulum"). */
    String name();

    /** The Gymnasium id this environment reproduces ("Pendulum-v1"). */
    String gymId();

    int obsDim();

    ActionSpace actionSpace();

    /** Gymnasium's TimeLimit for this id. */
    int maxEpisodeSteps();

    /** The parameter values in effect (defaults merged with overrides), in declaration order. */
    Map<String, Double> parameters();

    /** A start state drawn from Gymnasium's reset distribution. */
    double[] reset(RandomGenerator rng);

    /** One step; the action must be valid for {@link #actionSpace()} (see ActionSpace#invalidReason). */
    Step step(double[] state, double[] action);

    /** The float32 observation of a state. */
    double[] observe(double[] state);

    /** A state whose observation is {@code obs} (angles recovered with atan2 where obs holds cos/sin). */
    double[] stateFromObs(double[] obs);
}
