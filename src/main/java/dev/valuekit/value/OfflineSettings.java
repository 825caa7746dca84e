package dev.valuekit.value;

import dev.valuekit.common.BadInputException;

/**
 * The settings of the offline-RL methods that the older ones lack, each null for "the method's default" so that
 * giving one to a method that does not use it is an error rather than silently ignored.
 *
 * @param expectile   iql: τ of V's expectile regression (default 0.7)
 * @param temperature iql: β of the advantage weights exp(β·A) (default 3)
 * @param cqlAlpha    cql: weight α of the conservative term (default 1)
 */
public record OfflineSettings(Double expectile, Double temperature, Double cqlAlpha) {
    public static final OfflineSettings DEFAULTS = new OfflineSettings(null, null, null);

    public OfflineSettings {
        if (expectile != null && !(expectile > 0 && expectile < 1)) {
            throw new BadInputException("--expectile must be in (0, 1), got " + expectile, "e.g. --expectile 0.7");
        }
        if (temperature != null && !(temperature >= 0)) {
            throw new BadInputException("--temperature must be >= 0, got " + temperature, "e.g. --temperature 3");
        }
        if (cqlAlpha != null && !(cqlAlpha > 0)) throw new BadInputException("--cql-alpha must be > 0, got " + cqlAlpha, "e.g. --cql-alpha 1");
    }

    /** Checks that only the method's own settings are given. */
    void requireFor(ValueFitOptions.Method method) {
        if ((expectile != null || temperature != null) && method != ValueFitOptions.Method.IQL) {
            throw new BadInputException("--expectile and --temperature apply to --method iql", "add --method iql or drop them");
        }
        if (cqlAlpha != null && method != ValueFitOptions.Method.CQL) throw new BadInputException("--cql-alpha applies to --method cql", "add --method cql");
    }

    public double expectileOrDefault() { return expectile == null ? 0.7 : expectile; }
    public double temperatureOrDefault() { return temperature == null ? 3.0 : temperature; }
    public double cqlAlphaOrDefault() { return cqlAlpha == null ? 1.0 : cqlAlpha; }
}
