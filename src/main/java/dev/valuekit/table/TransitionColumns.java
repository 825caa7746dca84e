package dev.valuekit.table;

import dev.valuekit.common.BadInputException;

import java.util.List;

/**
 * Where the parts of a transition live in a table (DESIGN.md section 2): column indices of
 * observation, action and next observation, reward, terminated, truncated, and the optional
 * episode and step counters (-1 when absent). Every reader of transitions resolves them here.
 */
public record TransitionColumns(int[] obs, int[] act, int[] nextObs, int reward, int terminated, int truncated,
                                int episode, int step) {

    /** With the canonical names. */
    public static TransitionColumns resolve(Schema s, String source) {
        return resolve(s, source, TransitionNames.CANONICAL);
    }

    public static TransitionColumns resolve(Schema s, String source, TransitionNames names) {
        int[] obs = observations(s, source, names);
        int[] act = group(s, source, names.actPrefix(), "action", "--act-prefix");
        int[] next = group(s, source, names.nextObsPrefix(), "next observation", "--next-obs-prefix");
        if (obs.length != next.length) {
            throw BadInputException.inFile("observation has " + obs.length + " columns (" + names.obsPrefix() + "*) but next observation has "
                    + next.length + " (" + names.nextObsPrefix() + "*)", source, "both must have the same dimension");
        }
        if (!s.has(names.reward())) {
            throw BadInputException.inFile("missing column '" + names.reward() + "'", source, "the table has " + s.describe()
                    + "; add it, or name the reward column with --reward-column");
        }
        int reward = s.requireNumeric(names.reward(), source);
        int terminated = s.requireNumeric("terminated", source);
        int truncated = s.requireNumeric("truncated", source);
        return new TransitionColumns(obs, act, next, reward, terminated, truncated,
                optionalNumeric(s, source, "episode"), optionalNumeric(s, source, "step"));
    }

    /** The observation columns alone: what a table of start states needs. */
    public static int[] observations(Schema s, String source, TransitionNames names) {
        return group(s, source, names.obsPrefix(), "observation", "--obs-prefix");
    }

    private static int[] group(Schema s, String source, String prefix, String what, String flag) {
        List<Integer> cols = s.prefixed(prefix, source);
        if (cols.isEmpty()) {
            throw BadInputException.inFile("missing " + what + " columns " + prefix + "0.." + prefix + "{d-1}", source,
                    "the table has " + s.describe() + "; add them, or name their prefix with " + flag);
        }
        int[] out = new int[cols.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = cols.get(i);
            if (!s.type(out[i]).isNumeric()) {
                throw new BadInputException(what + " column is not numeric", source, -1, s.name(out[i]), "it must hold numbers");
            }
        }
        return out;
    }

    private static int optionalNumeric(Schema s, String source, String name) {
        return s.has(name) ? s.requireNumeric(name, source) : -1;
    }

    /** {@code terminated} and {@code truncated}: bool, or 0/1 (DESIGN section 2). */
    public static boolean isFlag(String column) {
        return column.equals("terminated") || column.equals("truncated");
    }

    /** {@code episode} and {@code step}: int64 counters (DESIGN section 2). */
    public static boolean isCounter(String column) {
        return column.equals("episode") || column.equals("step");
    }

    /** Observation dimension. */
    public int obsDim() { return obs.length; }

    /** Action dimension. */
    public int actDim() { return act.length; }
}
