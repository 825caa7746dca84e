package dev.valuekit.dynamics;

import dev.valuekit.common.BadInputException;
import dev.valuekit.env.Environments;

import java.util.Map;

/** Resolves a {@code --model} argument to a dynamics model. */
public final class DynamicsModels {
    public static final String ENV_PREFIX = "env:";

    private DynamicsModels() {}

    /**
     * {@code env:NAME} is the built-in environment NAME with {@code envParams} applied. Model files
     * (learned ensembles) are resolved here too once their format exists; until then anything else
     * is bad input.
     */
    public static DynamicsModel resolve(String spec, Map<String, Double> envParams) {
        if (spec.startsWith(ENV_PREFIX)) {
            return new EnvDynamics(Environments.create(spec.substring(ENV_PREFIX.length()), envParams));
        }
        throw new BadInputException("unknown model '" + spec + "'",
                "name a built-in environment as env:NAME, one of " + Environments.names());
    }
}
