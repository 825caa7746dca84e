package dev.valuekit.value;

import dev.valuekit.common.BadInputException;
import dev.valuekit.env.ActionSpace;
import dev.valuekit.policy.Policies;
import dev.valuekit.policy.Policy;

import java.nio.file.Path;

/**
 * Policies from fitted values, on top of {@link Policies}' built-in ones: a path ending in
 * {@code .safetensors} is an agent's actor (mean action, or sampled), or for a discrete-action agent
 * (dqn, cql) greedy (or softmax) over its Q; {@code best-of:N} takes the best of N uniform candidates by a
 * Q model. Anything else is a built-in policy spec.
 */
public final class ArtifactPolicies {
    public static final String SPECS = Policies.SPECS + ", AGENT.safetensors, best-of:N (with a Q model)";

    private ArtifactPolicies() {}

    /** @param qModel the Q (or agent) file best-of:N ranks candidates with; null when not given */
    public static Policy parse(String spec, Path qModel, boolean sample, ActionSpace space, String envName, int obsDim) {
        String s = spec == null ? "" : spec.trim();
        if (s.endsWith(".safetensors")) {
            FittedValue v = ValueArtifacts.load(Path.of(s), ValueArtifacts.AGENT);
            checkSpace(v, space, s, envName);
            checkDims(v, obsDim, space, s, envName);
            return v.actions() > 0 ? new DiscreteQPolicy(v, sample, s) : new ActorPolicy(v.actor(), sample, s);
        }
        if (s.startsWith("best-of:")) {
            int n;
            try {
                n = Integer.parseInt(s.substring("best-of:".length()).trim());
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1) throw new BadInputException("policy '" + spec + "': N must be a positive integer", "e.g. best-of:32");
            if (qModel == null) throw new BadInputException("policy '" + spec + "' needs a Q model", "add --q q.safetensors");
            FittedValue v = ValueArtifacts.load(qModel, ValueArtifacts.Q, ValueArtifacts.AGENT);
            if (space.isDiscrete() && v.actions() == 0) {
                throw new BadInputException("policy '" + spec + "' over " + envName + "'s actions " + space.describe()
                        + " needs a discrete-action Q model", "add --q from fit-value --method dqn or cql");
            }
            checkSpace(v, space, qModel.toString(), envName);
            checkDims(v, obsDim, space, qModel.toString(), envName);
            return new BestOfNPolicy(v, n, space);
        }
        return Policies.parse(spec, space, envName);
    }

    /** The policy as a batch action source (agent and best-of-N policies are batched natively). */
    public static ActionSource batched(Policy p, int obsDim) {
        return p instanceof ActionSource a ? a : ActionSource.of(p, obsDim);
    }

    /** A discrete-action model only fits a discrete space of the same size, and a continuous one only a box. */
    static void checkSpace(FittedValue v, ActionSpace space, String src, String envName) {
        boolean discrete = v.actions() > 0;
        if (discrete != space.isDiscrete() || discrete && v.actions() != space.n()) {
            throw BadInputException.inFile("the model's action space ("
                    + (discrete ? "discrete 0.." + (v.actions() - 1) : "continuous") + ") differs from " + envName + "'s actions "
                    + space.describe(), src, "use a model fitted on data of " + envName);
        }
    }

    private static void checkDims(FittedValue v, int obsDim, ActionSpace space, String src, String envName) {
        if (v.obsColumns().length != obsDim || v.actColumns().length != space.dim()) {
            throw BadInputException.inFile("model reads " + v.obsColumns().length + " observation and " + v.actColumns().length
                    + " action columns, but " + envName + " has " + obsDim + " and " + space.dim(), src,
                    "use a model fitted on data of " + envName);
        }
    }
}
