package dev.valuekit.cli;

import dev.valuekit.tensor.Activation;
import picocli.CommandLine.Option;

import java.util.Locale;

/**
 * {@code --hidden}, {@code --layers}, {@code --activation}: the hidden layers of a network. Declared
 * once; each command hands its own defaults to the constructor (they show in --help).
 */
public final class NetworkShapeOptions {
    /** The activations a hidden layer may use (identity is for output layers only). */
    public enum HiddenActivation {
        SILU, RELU, TANH;

        public Activation activation() { return Activation.valueOf(name()); }

        @Override public String toString() { return name().toLowerCase(Locale.ROOT); }
    }

    @Option(names = "--hidden", paramLabel = "W", description = "Hidden layer width. Default: ${DEFAULT-VALUE}.")
    int hidden;

    @Option(names = "--layers", paramLabel = "L", description = "Hidden layers. Default: ${DEFAULT-VALUE}.")
    int layers;

    @Option(names = "--activation", paramLabel = "silu|relu|tanh", description = "Hidden activation. Default: ${DEFAULT-VALUE}.")
    HiddenActivation activation;

    NetworkShapeOptions(int hidden, int layers, HiddenActivation activation) {
        this.hidden = hidden;
        this.layers = layers;
        this.activation = activation;
    }

    public int hidden() { return hidden; }
    public int layers() { return layers; }
    public Activation activation() { return activation.activation(); }
}
