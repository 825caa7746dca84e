package dev.valuekit.env;

import dev.valuekit.common.BadInputException;
import dev.valuekit.common.Suggestions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The built-in environments by name, with their overridable parameters. */
public final class Environments {
    /** How to build one environment: its names and parameter table. */
    public record Spec(String name, String gymId, List<EnvParameter> parameters,
                       Function<Map<String, Double>, Environment> factory) {}

    private static final List<Spec> SPECS = List.of(
            new Spec("pendulum", "Pendulum-v1", Pendulum.PARAMETERS, Pendulum::new),
            new Spec("mountaincar", "MountainCarContinuous-v0", MountainCarContinuous.PARAMETERS, MountainCarContinuous::new),
            new Spec("cartpole", "CartPole-v1", CartPole.PARAMETERS, CartPole::new),
            new Spec("acrobot", "Acrobot-v1", Acrobot.PARAMETERS, Acrobot::new),
            new Spec("point2d", "valuekit/Point2D-v0", Point2D.PARAMETERS, Point2D::new));

    private Environments() {}

    public static List<Spec> specs() { return SPECS; }

    /** "pendulum, mountaincar, cartpole, acrobot, point2d". */
    public static String names() {
        List<String> n = new ArrayList<>();
        for (Spec s : SPECS) n.add(s.name());
        return String.join(", ", n);
    }

    /** The spec named {@code name} (short name or Gymnasium id, case-insensitive). */
    public static Spec spec(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Spec s : SPECS) {
            if (s.name().equals(key) || s.gymId().toLowerCase(Locale.ROOT).equals(key)) return s;
        }
        List<String> accepted = new ArrayList<>();
        for (Spec s : SPECS) accepted.add(s.name());
        throw new BadInputException("unknown environment '" + name + "'", Suggestions.fix(name, accepted, "choose one of " + names()));
    }

    /** Gymnasium's default environment. */
    public static Environment create(String name) {
        return create(name, Map.of());
    }

    /** An environment with some parameters overridden; unknown names or bad values are bad input. */
    public static Environment create(String name, Map<String, Double> overrides) {
        Spec spec = spec(name);
        Map<String, Double> values = new LinkedHashMap<>();
        for (EnvParameter p : spec.parameters()) values.put(p.name(), p.defaultValue());
        // distractors / distractor_rho apply to every environment: they wrap it (see Distracted)
        double k = overrides.getOrDefault("distractors", 0.0), rho = overrides.getOrDefault("distractor_rho", 0.9);
        String bad = Distracted.invalidReason(k, rho);
        if (bad != null) throw new BadInputException("environment parameter " + bad, "e.g. --env-param distractors=10,distractor_rho=0.9");
        for (Map.Entry<String, Double> e : overrides.entrySet()) {
            if (e.getKey().equals("distractors") || e.getKey().equals("distractor_rho")) continue;
            EnvParameter p = find(spec, e.getKey());
            String why = p.invalidReason(e.getValue());
            if (why != null) {
                throw new BadInputException("environment parameter " + p.name() + "=" + e.getValue() + " " + why,
                        "give " + spec.name() + " a valid " + p.name() + " (" + p.meaning() + ", default " + p.defaultValue() + ")");
            }
            values.put(p.name(), e.getValue());
        }
        Environment env = spec.factory().apply(Collections.unmodifiableMap(values));
        return k > 0 ? new Distracted(env, (int) k, rho) : env;
    }

    private static EnvParameter find(Spec spec, String key) {
        for (EnvParameter p : spec.parameters()) if (p.name().equals(key)) return p;
        List<String> valid = new ArrayList<>();
        for (EnvParameter p : spec.parameters()) valid.add(p.name());
        for (EnvParameter p : Distracted.PARAMETERS) valid.add(p.name());
        throw new BadInputException("unknown parameter '" + key + "' for environment " + spec.name(),
                Suggestions.fix(key, valid, "valid parameters: " + String.join(", ", valid)));
    }
}
