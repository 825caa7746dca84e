package dev.valuekit.table;

import dev.valuekit.common.BadInputException;

import java.util.List;

/**
 * Where the parts of a transition live in a table (DESIGN.md section 2): column indices of
 * observation, action and next observation, reward, terminated, truncated, and the optional
 * episode and step counters (-1 when absent).
 */
public record TransitionColumns(int[] obs, int[] act, int[] nextObs, int reward, int terminated, int truncated,
                                int episode, int step) {

    /** With the canonical prefixes {@code obs_}, {@code act_}, {@code next_obs_}. */
    public static TransitionColumns resolve(Schema s, String source) {
        return resolve(s, source, "obs_", "act_", "next_obs_");
    }

    public static TransitionColumns resolve(Schema s, String source, String obsPrefix, String actPrefix, String nextObsPrefix) {
        int[] obs = group(s, source, obsPrefix, "observation");
        int[] act = group(s, source, actPrefix, "action");
        int[] next = group(s, source, nextObsPrefix, "next observation");
        if (obs.length != next.length) {
            throw BadInputException.inFile("observation has " + obs.length + " columns (" + obsPrefix + "*) but next observation has "
                    + next.length + " (" + nextObsPrefix + "*)", source, "both must have the same dimension");
        }
        int reward = s.requireNumeric("reward", source);
        int terminated = s.requireNumeric("terminated", source);
        int truncated = s.requireNumeric("truncated", source);
        return new TransitionColumns(obs, act, next, reward, terminated, truncated,
                optionalNumeric(s, source, "episode"), optionalNumeric(s, source, "step"));
    }

    private static int[] group(Schema s, String source, String prefix, String what) {
        List<Integer> cols = s.prefixed(prefix, source);
        if (cols.isEmpty()) {
            throw BadInputException.inFile("missing " + what + " columns " + prefix + "0.." + prefix + "{d-1}", source,
                    "the table has " + s.describe() + "; add them, or name the prefix with the matching --*-prefix option");
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
