package dev.valuekit.fit;

import dev.valuekit.tensor.Minibatches;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Which rows train and which are held out for early stopping and elite selection. With episode ids
 * whole episodes are held out (rows of one episode are strongly correlated, so a row split would
 * measure interpolation, not generalisation); without them, random rows. The holdout takes
 * {@code fraction} of the rows, at most {@code cap} (MBPO caps it at 5000), and always leaves at
 * least one training row.
 *
 * @param heldOutEpisodes the episode ids held out, in the order chosen (empty for a row split)
 */
public record HoldoutSplit(int[] train, int[] holdout, long[] heldOutEpisodes) {
    public static final int DEFAULT_CAP = 5000;

    public static HoldoutSplit of(long[] episode, int rows, double fraction, int cap, long seed) {
        if (!(fraction >= 0 && fraction < 1)) throw new IllegalArgumentException("holdout fraction must be in [0, 1)");
        int target = (int) Math.min(Math.round(fraction * rows), cap);
        SplittableRandom rng = new SplittableRandom(seed);
        if (target == 0 || rows < 2) return new HoldoutSplit(range(rows), new int[0], new long[0]);
        if (episode != null) {
            Map<Long, Integer> counts = new LinkedHashMap<>();
            for (long e : episode) counts.merge(e, 1, Integer::sum);
            if (counts.size() >= 2) return byEpisode(episode, counts, target, rng);
        }
        int[] perm = range(rows);
        Minibatches.shuffle(perm, rng);
        int[] hold = Arrays.copyOf(perm, Math.min(target, rows - 1));
        int[] train = Arrays.copyOfRange(perm, hold.length, rows);
        Arrays.sort(hold);
        Arrays.sort(train);
        return new HoldoutSplit(train, hold, new long[0]);
    }

    private static HoldoutSplit byEpisode(long[] episode, Map<Long, Integer> counts, int target, SplittableRandom rng) {
        long[] ids = counts.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        for (int i = ids.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            long t = ids[i]; ids[i] = ids[j]; ids[j] = t;
        }
        List<Long> chosen = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < ids.length - 1 && count < target; i++) {
            chosen.add(ids[i]);
            count += counts.get(ids[i]);
        }
        java.util.Set<Long> held = new java.util.HashSet<>(chosen);
        int[] hold = new int[count];
        int[] train = new int[episode.length - count];
        int h = 0, t = 0;
        for (int r = 0; r < episode.length; r++) {
            if (held.contains(episode[r])) hold[h++] = r; else train[t++] = r;
        }
        return new HoldoutSplit(train, hold, chosen.stream().mapToLong(Long::longValue).toArray());
    }

    static int[] range(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

}
