package dev.valuekit.dynamics;

import dev.valuekit.common.BadInputException;
import dev.valuekit.env.Environments;

/**
 * How a learned model decides that a predicted transition ends the episode: {@code learned} (a
 * Bernoulli head trained on the data's terminated flags), {@code none} (never), or {@code env:NAME}
 * (the built-in environment's rule on the predicted next observation).
 */
public record Termination(Kind kind, String env) {
    public enum Kind { LEARNED, NONE, ENV }

    public static final Termination NONE = new Termination(Kind.NONE, null);
    public static final Termination LEARNED = new Termination(Kind.LEARNED, null);

    public static Termination parse(String s) {
        if (s.equals("learned")) return LEARNED;
        if (s.equals("none")) return NONE;
        if (s.startsWith(DynamicsModels.ENV_PREFIX)) {
            String name = s.substring(DynamicsModels.ENV_PREFIX.length());
            return new Termination(Kind.ENV, Environments.spec(name).name());
        }
        throw new BadInputException("unknown termination '" + s + "'", "use learned, none or env:NAME (NAME one of "
                + Environments.names() + ")");
    }

    @Override public String toString() {
        return switch (kind) {
            case LEARNED -> "learned";
            case NONE -> "none";
            case ENV -> DynamicsModels.ENV_PREFIX + env;
        };
    }
}
