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

    /**
     * The built-in environment a rollout runs: {@code --env NAME} or {@code --model env:NAME} (both only
     * when they agree); a model file or neither is bad input.
     */
    public static String environmentName(String env, String model) {
        if (model != null) {
            if (!model.startsWith(ENV_PREFIX)) {
                throw new BadInputException("--model '" + model + "' is not a built-in environment",
                        "rollout runs built-in environments: use --model env:NAME or --env NAME, NAME one of " + Environments.names());
            }
            String name = model.substring(ENV_PREFIX.length());
            if (env != null && !Environments.spec(env).equals(Environments.spec(name))) {
                throw new BadInputException("--env " + env + " and --model " + model + " disagree", "give only one of them");
            }
            return name;
        }
        if (env == null) throw new BadInputException("no environment given", "add --env NAME, NAME one of " + Environments.names());
        return env;
    }

    /** Which elite predicts a row of a learned model: a random one per row and step (MBPO), or their mean. */
    public enum Member {
        RANDOM, MEAN;

        @Override public String toString() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** A learned model file predicting with the given elite choice, sampling or (deterministic) taking means. */
    public static LearnedDynamics learned(java.nio.file.Path path, Member member, boolean deterministic) {
        return learned(path, member == Member.MEAN, deterministic);
    }

    /** A learned model file, predicting with the elites' mean and/or deterministically on request. */
    public static LearnedDynamics learned(java.nio.file.Path path, boolean memberMean, boolean deterministic) {
        DynamicsArtifacts.Loaded l = DynamicsArtifacts.load(path);
        return new LearnedDynamics(path.toString(), l.spec(), l.network(), memberMean, deterministic);
    }
}
