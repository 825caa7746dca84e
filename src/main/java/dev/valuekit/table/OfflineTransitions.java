package dev.valuekit.table;

import dev.valuekit.common.BadInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the transitions table (DESIGN.md section 2) from offline-RL arrays as they are published:
 * <ul>
 *   <li>D4RL layout (HDF5 or npz): {@code observations, actions, rewards, terminals} and optionally
 *       {@code timeouts} and {@code next_observations}, one row per step, episodes back to back. An
 *       episode ends at a terminal or a timeout. Without {@code next_observations} the next row of the
 *       same episode is the next observation, so the last step of every episode (and a trailing,
 *       unfinished one) has none and is dropped, with one warning saying how many.</li>
 *   <li>Minari layout: one group per episode with {@code observations} of T+1 rows and
 *       {@code actions, rewards, terminations, truncations} of T rows.</li>
 * </ul>
 * Output columns: episode, step (int64), obs_*, act_*, reward, next_obs_* (float32 when stored so,
 * else float64), terminated, truncated (bool).
 */
final class OfflineTransitions {
    private OfflineTransitions() {}

    /** The arrays of one Minari episode, or of a whole D4RL file. */
    record Arrays(String where, OfflineArray observations, OfflineArray actions, OfflineArray rewards,
                  OfflineArray terminals, OfflineArray timeouts, OfflineArray nextObservations) {}

    /** Picks the D4RL arrays out of {@code named} (Minari's names are accepted as aliases). */
    static Arrays d4rl(Map<String, OfflineArray> named, String source) {
        OfflineArray obs = require(named, source, "observations");
        OfflineArray act = require(named, source, "actions");
        OfflineArray rew = require(named, source, "rewards");
        OfflineArray term = named.containsKey("terminals") ? named.get("terminals") : require(named, source, "terminals", "terminations");
        OfflineArray time = named.containsKey("timeouts") ? named.get("timeouts") : named.get("truncations");
        return new Arrays(source, obs, act, rew, term, time, named.get("next_observations"));
    }

    static OfflineArray require(Map<String, OfflineArray> named, String source, String name, String... aliases) {
        OfflineArray a = named.get(name);
        for (String alias : aliases) if (a == null) a = named.get(alias);
        if (a == null) {
            throw BadInputException.inFile("no '" + name + "' array" + (aliases.length > 0 ? " (nor '" + String.join("', '", aliases) + "')" : ""),
                    source, "an offline-RL data set needs observations, actions, rewards, terminals (timeouts, next_observations optional); it has "
                            + (named.isEmpty() ? "no numeric arrays" : String.join(", ", named.keySet())));
        }
        return a;
    }

    /** The transitions of a D4RL-layout data set; {@code warnings} gets the count of dropped steps. */
    static Batch fromD4rl(Arrays a, boolean allowNonFinite, dev.valuekit.common.ProgressListener warnings) {
        int n = a.observations().rows();
        checkRows(a, n, n);
        boolean[] ends = new boolean[n];
        for (int i = 0; i < n; i++) ends[i] = flag(a.terminals(), i) || (a.timeouts() != null && flag(a.timeouts(), i));
        List<Integer> kept = new ArrayList<>(n);
        long[] episode = new long[n];
        long[] step = new long[n];
        long e = 0, s = 0;
        for (int i = 0; i < n; i++) {
            episode[i] = e;
            step[i] = s++;
            boolean hasNext = a.nextObservations() != null || (!ends[i] && i + 1 < n);
            if (hasNext) kept.add(i);
            if (ends[i]) {
                e++;
                s = 0;
            }
        }
        int dropped = n - kept.size();
        if (dropped > 0) {
            warnings.warn(a.where() + ": dropped " + dropped + " of " + n + " steps: the last step of each episode has no next "
                    + "observation (the file has no next_observations array)");
        }
        int m = kept.size();
        int[] rows = kept.stream().mapToInt(Integer::intValue).toArray();
        int[] nextRows = new int[m];
        for (int j = 0; j < m; j++) nextRows[j] = a.nextObservations() != null ? rows[j] : rows[j] + 1;
        OfflineArray next = a.nextObservations() != null ? a.nextObservations() : a.observations();
        return build(a, rows, nextRows, next, pick(episode, rows), pick(step, rows), allowNonFinite);
    }

    /** The transitions of a Minari data set, episode groups in order. */
    static Batch fromMinari(List<Arrays> episodes, List<Long> ids, boolean allowNonFinite) {
        List<Batch> parts = new ArrayList<>();
        int total = 0;
        for (int k = 0; k < episodes.size(); k++) {
            Arrays a = episodes.get(k);
            int t = a.actions().rows();
            if (a.observations().rows() != t + 1) {
                throw BadInputException.inFile("observations has " + a.observations().rows() + " rows where actions has " + t
                        + " (Minari stores T+1 observations for T steps)", a.where(), "write the episode's final observation too");
            }
            checkRows(a, t, t + 1);
            int[] rows = new int[t];
            int[] nextRows = new int[t];
            long[] episode = new long[t];
            long[] step = new long[t];
            for (int i = 0; i < t; i++) {
                rows[i] = i;
                nextRows[i] = i + 1;
                episode[i] = ids.get(k);
                step[i] = i;
            }
            Batch b = build(a, rows, nextRows, a.observations(), episode, step, allowNonFinite);
            parts.add(b);
            total += t;
        }
        if (parts.isEmpty()) throw new IllegalArgumentException("no episodes");
        return Tables.concat(parts.get(0).schema(), parts, total);
    }

    private static void checkRows(Arrays a, int steps, int observations) {
        check(a, a.observations(), observations);
        check(a, a.actions(), steps);
        check(a, a.rewards(), steps);
        check(a, a.terminals(), steps);
        if (a.timeouts() != null) check(a, a.timeouts(), steps);
        if (a.nextObservations() != null) {
            check(a, a.nextObservations(), steps);
            if (a.nextObservations().width() != a.observations().width()) {
                throw BadInputException.inFile("next_observations has " + a.nextObservations().width() + " columns, observations "
                        + a.observations().width(), a.where(), "both describe the same state; write them with one shape");
            }
        }
        for (OfflineArray one : new OfflineArray[] {a.rewards(), a.terminals(), a.timeouts()}) {
            if (one != null && one.width() != 1) {
                throw BadInputException.inFile("'" + one.name() + "' has " + one.width() + " values per step", a.where(), "write one value per step");
            }
        }
        if (steps == 0) throw BadInputException.inFile("no steps", a.where(), "the data set is empty");
    }

    private static void check(Arrays a, OfflineArray x, int rows) {
        if (x.rows() != rows) {
            throw BadInputException.inFile("arrays of different lengths: '" + x.name() + "' has " + x.rows() + " rows, expected " + rows
                    + " (from '" + a.observations().name() + "' and '" + a.actions().name() + "')", a.where(),
                    "every per-step array needs one row per step");
        }
    }

    private static boolean flag(OfflineArray a, int row) { return a.get(row, 0) != 0; }

    private static long[] pick(long[] values, int[] rows) {
        long[] out = new long[rows.length];
        for (int j = 0; j < rows.length; j++) out[j] = values[rows[j]];
        return out;
    }

    private static Batch build(Arrays a, int[] rows, int[] nextRows, OfflineArray next, long[] episode, long[] step, boolean allowNonFinite) {
        int m = rows.length;
        TransitionNames names = TransitionNames.CANONICAL;   // the layout of Transitions.schema, in the arrays' precision
        Batch.Builder b = new Batch.Builder(m).addLong("episode", episode).addLong("step", step);
        columns(b, names.obsPrefix(), a.observations(), rows, a.where(), allowNonFinite);
        columns(b, names.actPrefix(), a.actions(), rows, a.where(), allowNonFinite);
        columns(b, names.reward(), a.rewards(), rows, a.where(), allowNonFinite);
        columns(b, names.nextObsPrefix(), next, nextRows, a.where(), allowNonFinite);
        b.addBool("terminated", flags(a.terminals(), rows));
        b.addBool("truncated", a.timeouts() == null ? new boolean[m] : flags(a.timeouts(), rows));
        return b.build();
    }

    /** {@code prefix0, prefix1, ...} from the columns of {@code x}; a 1-D array named without a number. */
    private static void columns(Batch.Builder b, String prefix, OfflineArray x, int[] rows, String where, boolean allowNonFinite) {
        ColumnType type = x.float32() ? ColumnType.FLOAT32 : ColumnType.FLOAT64;
        boolean single = !prefix.endsWith("_");
        for (int c = 0; c < x.width(); c++) {
            double[] col = new double[rows.length];
            for (int j = 0; j < rows.length; j++) {
                double v = x.get(rows[j], c);
                if (!allowNonFinite && !Double.isFinite(v)) {
                    throw new BadInputException("non-finite value " + NumberText.toString(v) + " in '" + x.name() + "'", where,
                            rows[j] + 1L, (single ? prefix : prefix + c), "remove or replace NaN/infinite values, or pass --allow-nan if they are intended");
                }
                col[j] = v;
            }
            b.add(single ? prefix : prefix + c, type, col);
        }
    }

    private static boolean[] flags(OfflineArray x, int[] rows) {
        boolean[] out = new boolean[rows.length];
        for (int j = 0; j < rows.length; j++) out[j] = x.get(rows[j], 0) != 0;
        return out;
    }
}
