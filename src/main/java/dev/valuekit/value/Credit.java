package dev.valuekit.value;

import dev.valuekit.common.BadInputException;
import dev.valuekit.common.Suggestions;

import java.util.List;

/**
 * How rewards accumulate into a value. {@code SUM}: the discounted sum {@code r + γ·V(s')}.
 * {@code MIN} (PURE's min-form credit): the value is the worst discounted future reward,
 * {@code V(s) = min(r, γ·V(s'))}, and {@code r} alone at a terminal state.
 */
public enum Credit {
    SUM, MIN;

    /** The word --credit takes. */
    @Override public String toString() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static Credit parse(String s) {
        return switch (s == null ? "" : s.trim()) {
            case "sum" -> SUM;
            case "min" -> MIN;
            default -> throw new BadInputException("unknown credit '" + s + "'", Suggestions.fix(s, List.of("sum", "min"), "use sum or min"));
        };
    }

    /** One backup: {@code r} plus/min the discounted continuation {@code γ·next} (absent when terminal). */
    public double backup(double r, double gamma, boolean terminal, double next) {
        if (terminal) return r;
        return this == SUM ? r + gamma * next : Math.min(r, gamma * next);
    }
}
