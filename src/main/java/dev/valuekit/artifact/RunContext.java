package dev.valuekit.artifact;

/**
 * Who asks for a model, for its provenance: the command line as the user typed it (a library caller
 * names itself, e.g. "spark predict-cltv fit"). The entry point that builds the model adds the seed,
 * the input files it read (with their hashes) and its training summary.
 */
public record RunContext(String commandLine) {
    public RunContext {
        if (commandLine == null) commandLine = "";
    }

    /** A provenance for a run with this seed, inputs still to be added. */
    public Provenance provenance(long seed) {
        return Provenance.start(commandLine).seed(seed);
    }
}
