package dev.valuekit.cli;

import picocli.CommandLine.Option;

/** {@code --seed}: one declaration for every command that draws random numbers. */
public final class SeedOption {
    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of every random draw (splits, initialisation, shuffles, sampling, resets); the same inputs, "
                    + "seed and --threads give identical bytes. Default: ${DEFAULT-VALUE}.")
    long seed;

    public long seed() { return seed; }
}
