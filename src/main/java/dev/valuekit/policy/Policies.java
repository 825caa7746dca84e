package dev.valuekit.policy;

import dev.valuekit.policy.Policy;
import dev.valuekit.common.BadInputException;
import dev.valuekit.common.Suggestions;
import dev.valuekit.env.ActionSpace;

import java.util.Arrays;
import java.util.List;

/** Builds a policy from its spec: {@code random}, {@code zero}, {@code constant:V}, {@code gaussian:SIGMA}. */
public final class Policies {
    public static final String SPECS = "random, zero, constant:V, gaussian:SIGMA";

    private Policies() {}

    /** {@code envName} names the environment in messages. */
    public static Policy parse(String spec, ActionSpace space, String envName) {
        String s = spec == null ? "" : spec.trim();
        int colon = s.indexOf(':');
        String kind = colon < 0 ? s : s.substring(0, colon);
        String arg = colon < 0 ? null : s.substring(colon + 1);
        switch (kind) {
            case "random" -> {
                noArgument(spec, arg);
                return new UniformPolicy(space);
            }
            case "zero" -> {
                noArgument(spec, arg);
                double[] a = new double[space.dim()];
                for (int j = 0; j < a.length; j++) a[j] = Math.min(Math.max(0.0, space.low(j)), space.high(j));
                return new ConstantPolicy("zero", a);
            }
            case "constant" -> {
                double v = number(spec, arg, "constant:V, e.g. constant:0.5");
                double[] a = new double[space.dim()];
                Arrays.fill(a, (float) v);
                String why = space.invalidReason(a);
                boolean outside = false;
                for (int j = 0; j < a.length && !space.isDiscrete(); j++) outside |= a[j] < space.low(j) || a[j] > space.high(j);
                if (why != null || outside) {
                    throw new BadInputException("policy '" + spec + "' is outside " + envName + "'s actions " + space.describe(),
                            "choose V within the action space");
                }
                return new ConstantPolicy("constant:" + v, a);
            }
            case "gaussian" -> {
                if (space.isDiscrete()) {
                    throw new BadInputException("policy '" + spec + "' needs continuous actions, but " + envName
                            + " has " + space.describe(), "use random, zero or constant:V with a discrete environment");
                }
                double sigma = number(spec, arg, "gaussian:SIGMA, e.g. gaussian:0.5");
                if (!(sigma > 0)) throw new BadInputException("policy '" + spec + "': SIGMA must be > 0", "e.g. gaussian:0.5");
                return new GaussianPolicy(space, sigma, "gaussian:" + sigma);
            }
            default -> throw new BadInputException("unknown policy '" + spec + "'",
                    Suggestions.fix(kind, List.of("random", "zero", "constant", "gaussian"), "use one of " + SPECS));
        }
    }

    private static void noArgument(String spec, String arg) {
        if (arg != null) throw new BadInputException("policy '" + spec + "' takes no argument", "use one of " + SPECS);
    }

    private static double number(String spec, String arg, String form) {
        if (arg == null || arg.isBlank()) throw new BadInputException("policy '" + spec + "' needs a number", "write " + form);
        try {
            double v = Double.parseDouble(arg.trim());
            if (Double.isFinite(v)) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadInputException("policy '" + spec + "': '" + arg + "' is not a finite number", "write " + form);
    }
}
