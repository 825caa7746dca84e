package dev.valuekit.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean ...?" for a mistyped name (a command, an option, a choice): the accepted names
 * within a few edits of it, or that contain it or are contained in it ({@code --epochs} →
 * {@code --max-epochs}). Case and leading dashes are ignored when comparing.
 */
public final class Suggestions {
    private static final int MAX_SHOWN = 3;

    private Suggestions() {}

    /** The accepted names closest to {@code typed}, best first (ties in the given order, at most 3); empty when none is close. */
    public static List<String> closest(String typed, Collection<String> accepted) {
        String t = normalise(typed);
        int limit = Math.max(1, t.length() / 3);
        int best = Integer.MAX_VALUE;
        List<String> out = new ArrayList<>();
        for (String a : accepted) {
            String n = normalise(a);
            if (n.isEmpty()) continue;
            int d = distance(t, n);
            boolean contains = Math.min(t.length(), n.length()) >= 3 && (n.contains(t) || t.contains(n));
            int score = contains ? Math.min(d, 1) : d;
            if (score > limit || score > best) continue;
            if (score < best) {
                best = score;
                out.clear();
            }
            if (!out.contains(a)) out.add(a);
        }
        return out.size() > MAX_SHOWN ? out.subList(0, MAX_SHOWN) : out;
    }

    /** "did you mean 'x'?" or "did you mean 'x' or 'y'?"; "" when nothing is close. */
    public static String didYouMean(String typed, Collection<String> accepted) {
        List<String> c = closest(typed, accepted);
        if (c.isEmpty()) return "";
        StringBuilder sb = new StringBuilder("did you mean ");
        for (int i = 0; i < c.size(); i++) {
            if (i > 0) sb.append(i == c.size() - 1 ? " or " : ", ");
            sb.append('\'').append(c.get(i)).append('\'');
        }
        return sb.append('?').toString();
    }

    /** A fix for a bad-input message: the suggestion (when there is one) followed by {@code otherwise}. */
    public static String fix(String typed, Collection<String> accepted, String otherwise) {
        String s = didYouMean(typed, accepted);
        return s.isEmpty() ? otherwise : s + " (" + otherwise + ")";
    }

    private static String normalise(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < t.length() && t.charAt(i) == '-') i++;
        return t.substring(i);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
