package dev.valuekit.table;

import dev.valuekit.common.BadInputException;

/**
 * The names a reader looks for in a transitions table (DESIGN.md section 2): the column prefixes of
 * observation, action and next observation, and the reward column. Writers always write
 * {@link #CANONICAL}; a reader may be told other names ({@code --obs-prefix} ...) for data recorded
 * elsewhere. The flags that set each part are named in errors, so a bad name is fixed in one try.
 */
public record TransitionNames(String obsPrefix, String actPrefix, String nextObsPrefix, String reward) {
    public static final TransitionNames CANONICAL = new TransitionNames("obs_", "act_", "next_obs_", "reward");

    /** Nulls take the canonical names; an empty name matches nothing useful and is refused. */
    public TransitionNames {
        if (obsPrefix == null) obsPrefix = "obs_";
        if (actPrefix == null) actPrefix = "act_";
        if (nextObsPrefix == null) nextObsPrefix = "next_obs_";
        if (reward == null) reward = "reward";
        if (obsPrefix.isEmpty() || actPrefix.isEmpty() || nextObsPrefix.isEmpty() || reward.isEmpty()) {
            throw new BadInputException("--obs-prefix, --act-prefix, --next-obs-prefix and --reward-column must not be empty",
                    "e.g. --obs-prefix obs_ (the default)");
        }
    }
}
