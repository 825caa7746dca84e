package dev.valuekit.value;

import dev.valuekit.common.BadInputException;
import dev.valuekit.env.ActionSpace;
import dev.valuekit.env.Environment;
import dev.valuekit.table.Transitions;

/**
 * The data's actions as indices of a discrete action space: one integer-valued action column with values
 * in {@code 0..count-1}, where {@code count} is the environment's when one is named, else the data's
 * largest action plus one.
 */
public record DiscreteActions(int count, int[] index) {
    /** More actions than this is not a discrete action but a mistake (an id column, a continuous value). */
    private static final int MAX_ACTIONS = 1023;

    /** @param method names the method in messages ("dqn") */
    public static DiscreteActions of(Transitions d, Environment env, String method) {
        if (env != null && !env.actionSpace().isDiscrete()) {
            throw new BadInputException(method + " needs discrete actions, but " + env.name() + " has " + env.actionSpace().describe(),
                    "use --method sac for continuous actions");
        }
        if (d.actDim() != 1) {
            throw BadInputException.inFile(method + " needs one discrete action column, the data has " + d.actDim()
                    + " action columns (" + String.join(", ", d.actNames()) + ")", d.source(), "use --method sac for continuous actions");
        }
        int limit = env == null ? Integer.MAX_VALUE : env.actionSpace().n();
        int[] index = new int[d.rows()];
        int max = 0;
        for (int r = 0; r < d.rows(); r++) {
            double a = d.act()[r];
            if (a != Math.rint(a)) {
                throw new BadInputException("fractional value " + a + " in a discrete action column", d.source(), r + 1, d.actNames()[0],
                        method + " needs integer actions 0..n-1; use --method sac for continuous actions");
            }
            if (a < 0 || a >= limit || a > MAX_ACTIONS) {
                String range = env == null ? "0.." + MAX_ACTIONS : env.name() + "'s actions " + env.actionSpace().describe();
                throw new BadInputException("action " + (long) a + " is outside " + range, d.source(), r + 1, d.actNames()[0],
                        env == null ? "number the actions 0..n-1" : "give data recorded in " + env.name() + ", or the right --env");
            }
            index[r] = (int) a;
            max = Math.max(max, index[r]);
        }
        int count = env == null ? max + 1 : limit;
        if (count < 2) {
            throw BadInputException.inFile("every action in the data is " + max + ": a discrete Q needs at least 2 actions", d.source(),
                    "name the environment with --env NAME");
        }
        return new DiscreteActions(count, index);
    }

    /** The space these actions live in. */
    public ActionSpace space() { return ActionSpace.discrete(count); }
}
