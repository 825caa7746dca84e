package dev.valuekit.dynamics;

import dev.valuekit.common.BadInputException;
import dev.valuekit.env.Environments;

import java.util.Map;

/** Resolves a {@code --model} argument to a dynamics model. */
public final class DynamicsModels {
    public static final String ENV_PREFIX = "env:";

    private DynamicsModels() {}

    /**
     * {@code env:NAME} is the built-in environment NAME with {@code envParams} applied; anything else
     * is a {@code dynamics} model file (a learned ensemble, see {@link LearnedDynamics}).
     */
    public static DynamicsModel resolve(String spec, Map<String, Double> envParams) {
        if (spec.startsWith(ENV_PREFIX)) {
            return new EnvDynamics(Environments.create(spec.substring(ENV_PREFIX.length()), envParams));
        }
        java.nio.file.Path path = java.nio.file.Path.of(spec);
        if (!java.nio.file.Files.isRegularFile(path)) {
            throw BadInputException.inFile("unknown model '" + spec + "': no such model file", spec,
                    "give a model written by valuekit train-model, or a built-in environment as env:NAME, one of " + Environments.names());
        }
        if (envParams != null && !envParams.isEmpty()) {
            throw new BadInputException("--env-param applies to built-in environments, not to the model file " + spec,
                    "drop --env-param, or use --model env:NAME");
        }
        return learned(path, false, false);
    }

    /** A learned model file, predicting with the elites' mean and/or deterministically on request. */
    public static LearnedDynamics learned(java.nio.file.Path path, boolean memberMean, boolean deterministic) {
        DynamicsArtifacts.Loaded l = DynamicsArtifacts.load(path);
        return new LearnedDynamics(path.toString(), l.spec(), l.network(), memberMean, deterministic);
    }
}
