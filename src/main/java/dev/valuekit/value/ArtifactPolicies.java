package dev.valuekit.value;

import dev.valuekit.common.BadInputException;
import dev.valuekit.env.ActionSpace;
import dev.valuekit.policy.Policies;
import dev.valuekit.policy.Policy;

import java.nio.file.Path;

/**
 * Policies from fitted values, on top of {@link Policies}' built-in ones: a path ending in
 * {@code .safetensors} is an agent's actor (mean action, or sampled), {@code best-of:N} takes the best of
 * N uniform candidates by a Q model. Anything else is a built-in policy spec.
 */
public final class ArtifactPolicies {
    public static final String SPECS = Policies.SPECS + ", AGENT.safetensors, best-of:N (with a Q model)";

    private ArtifactPolicies() {}

    /** @param qModel the Q (or agent) file best-of:N ranks candidates with; null when not given */
    public static Policy parse(String spec, Path qModel, boolean sample, ActionSpace space, String envName, int obsDim) {
        String s = spec == null ? "" : spec.trim();
        if (s.endsWith(".safetensors")) {
            FittedValue v = ValueArtifacts.load(Path.of(s), ValueArtifacts.AGENT);
            checkDims(v, obsDim, space, s, envName);
            return new ActorPolicy(v.actor(), sample, s);
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
            if (space.isDiscrete()) {
                throw new BadInputException("policy '" + spec + "' needs continuous actions, but " + envName + " has " + space.describe(),
                        "use a built-in policy with a discrete environment");
            }
            FittedValue v = ValueArtifacts.load(qModel, ValueArtifacts.Q, ValueArtifacts.AGENT);
            checkDims(v, obsDim, space, qModel.toString(), envName);
            double[] lo = new double[space.dim()], hi = new double[space.dim()];
            for (int j = 0; j < lo.length; j++) { lo[j] = space.low(j); hi[j] = space.high(j); }
            return new BestOfNPolicy(v, n, lo, hi);
        }
        return Policies.parse(spec, space, envName);
    }

    /** The policy as a batch action source (agent and best-of-N policies are batched natively). */
    public static ActionSource batched(Policy p, int obsDim) {
        return p instanceof ActionSource a ? a : ActionSource.of(p, obsDim);
    }

    private static void checkDims(FittedValue v, int obsDim, ActionSpace space, String src, String envName) {
        if (v.obsColumns().length != obsDim || v.actColumns().length != space.dim()) {
            throw BadInputException.inFile("model reads " + v.obsColumns().length + " observation and " + v.actColumns().length
                    + " action columns, but " + envName + " has " + obsDim + " and " + space.dim(), src,
                    "use a model fitted on data of " + envName);
        }
    }
}
