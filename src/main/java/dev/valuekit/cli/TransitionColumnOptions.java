package dev.valuekit.cli;

import dev.valuekit.common.BadInputException;
import dev.valuekit.table.TransitionNames;
import picocli.CommandLine.Option;

/**
 * {@code --obs-prefix}, {@code --act-prefix}, {@code --next-obs-prefix}, {@code --reward-column}: one
 * declaration for every command that reads transitions, for tables recorded with other names than
 * the canonical ones (DESIGN.md section 2).
 */
public final class TransitionColumnOptions {
    @Option(names = "--obs-prefix", paramLabel = "P", defaultValue = "obs_",
            description = "Observation columns of the transitions are P0, P1, ... Default: ${DEFAULT-VALUE}.")
    String obsPrefix;

    @Option(names = "--act-prefix", paramLabel = "P", defaultValue = "act_",
            description = "Action columns of the transitions are P0, P1, ... Default: ${DEFAULT-VALUE}.")
    String actPrefix;

    @Option(names = "--next-obs-prefix", paramLabel = "P", defaultValue = "next_obs_",
            description = "Next-observation columns of the transitions are P0, P1, ... Default: ${DEFAULT-VALUE}.")
    String nextObsPrefix;

    @Option(names = "--reward-column", paramLabel = "NAME", defaultValue = "reward",
            description = "The reward column of the transitions. Default: ${DEFAULT-VALUE}.")
    String reward;

    public TransitionNames names() { return new TransitionNames(obsPrefix, actPrefix, nextObsPrefix, reward); }

    /** Other names than the canonical ones where no transitions are read are a mistake, not a no-op. */
    public void requireReadsTransitions(boolean reads, String fix) {
        if (!reads && !names().equals(TransitionNames.CANONICAL)) {
            throw new BadInputException("--obs-prefix, --act-prefix, --next-obs-prefix and --reward-column name the columns of "
                    + "transitions, and none are read here", fix);
        }
    }
}
