package dev.valuekit.env;

/** One overridable physical constant of an environment, with Gymnasium's value as default. */
public record EnvParameter(String name, double defaultValue, boolean positive, String meaning) {
    /** Why {@code value} is not acceptable, or null. */
    String invalidReason(double value) {
        if (!Double.isFinite(value)) return "must be a finite number";
        if (positive && value <= 0) return "must be > 0";
        return null;
    }
}
