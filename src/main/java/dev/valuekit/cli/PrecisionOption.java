package dev.valuekit.cli;

import dev.valuekit.tensor.Precision;
import picocli.CommandLine.Option;

/** {@code --precision}: the floating-point precision of a model's weights and arithmetic. */
public final class PrecisionOption {
    @Option(names = "--precision", paramLabel = "f32|f64", defaultValue = "f32",
            description = "Floating-point precision of weights and arithmetic. Default: ${DEFAULT-VALUE}.")
    Precision precision;

    public Precision precision() { return precision; }
}
