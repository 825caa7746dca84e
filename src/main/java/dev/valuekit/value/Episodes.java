package dev.valuekit.value;

import dev.valuekit.table.Transitions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order of rows within episodes. With an {@code episode} column, rows are grouped by episode (in
 * order of first appearance) and ordered by {@code step} when present, else by row order; without
 * one, an episode runs in table order until a row that is terminated or truncated.
 */
public final class Episodes {
    private final int[][] episodes;   // row indices of each episode in time order
    private final int[] successor;    // the next row of the same episode, -1 at its end

    private Episodes(int[][] episodes, int rows) {
        this.episodes = episodes;
        this.successor = new int[rows];
        Arrays.fill(successor, -1);
        for (int[] e : episodes) for (int i = 0; i + 1 < e.length; i++) successor[e[i]] = e[i + 1];
    }

    public static Episodes of(Transitions d) {
        List<int[]> out = new ArrayList<>();
        if (d.episode() != null) {
            Map<Long, List<Integer>> groups = new LinkedHashMap<>();
            for (int r = 0; r < d.rows(); r++) groups.computeIfAbsent(d.episode()[r], k -> new ArrayList<>()).add(r);
            for (List<Integer> g : groups.values()) {
                Integer[] rows = g.toArray(new Integer[0]);
                if (d.step() != null) Arrays.sort(rows, (a, b) -> Long.compare(d.step()[a], d.step()[b]));
                int[] e = new int[rows.length];
                for (int i = 0; i < e.length; i++) e[i] = rows[i];
                out.add(e);
            }
        } else {
            List<Integer> cur = new ArrayList<>();
            for (int r = 0; r < d.rows(); r++) {
                cur.add(r);
                if (d.terminal()[r] || d.truncated()[r] || r == d.rows() - 1) {
                    out.add(cur.stream().mapToInt(Integer::intValue).toArray());
                    cur.clear();
                }
            }
        }
        return new Episodes(out.toArray(new int[0][]), d.rows());
    }

    public int count() { return episodes.length; }

    /** Row indices of episode e in time order. */
    public int[] episode(int e) { return episodes[e]; }

    /** The row that follows {@code row} in its episode, or -1. */
    public int successor(int row) { return successor[row]; }

    /** The first row of every episode. */
    public int[] initialRows() {
        int[] r = new int[episodes.length];
        for (int e = 0; e < r.length; e++) r[e] = episodes[e][0];
        return r;
    }
}
