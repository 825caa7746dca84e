package dev.valuekit.fit;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HoldoutSplitTest {
    private static long[] episodes(int count, int length) {
        long[] e = new long[count * length];
        for (int i = 0; i < e.length; i++) e[i] = i / length;
        return e;
    }

    @Test
    void holdsOutWholeEpisodes() {
        long[] ep = episodes(20, 50);
        HoldoutSplit s = HoldoutSplit.of(ep, ep.length, 0.1, 5000, 7);
        assertEquals(2, s.heldOutEpisodes().length);
        assertEquals(100, s.holdout().length);
        assertEquals(900, s.train().length);
        Set<Long> held = new HashSet<>();
        for (long e : s.heldOutEpisodes()) held.add(e);
        for (int r : s.holdout()) assertTrue(held.contains(ep[r]));
        for (int r : s.train()) assertFalse(held.contains(ep[r]), "an episode is split between train and holdout");
    }

    @Test
    void capLimitsTheHoldout() {
        long[] ep = episodes(100, 100);
        HoldoutSplit s = HoldoutSplit.of(ep, ep.length, 0.5, 300, 1);
        assertEquals(300, s.holdout().length, "whole episodes until the cap is reached");
    }

    @Test
    void withoutEpisodesRandomRowsAndSeeded() {
        HoldoutSplit a = HoldoutSplit.of(null, 1000, 0.2, 5000, 3), b = HoldoutSplit.of(null, 1000, 0.2, 5000, 3);
        assertEquals(200, a.holdout().length);
        assertEquals(800, a.train().length);
        assertArrayEquals(a.holdout(), b.holdout());
        assertEquals(0, a.heldOutEpisodes().length);
    }

    @Test
    void alwaysLeavesTrainingRowsAndZeroMeansNone() {
        long[] ep = episodes(2, 10);
        HoldoutSplit s = HoldoutSplit.of(ep, ep.length, 0.9, 5000, 0);
        assertEquals(10, s.train().length, "never holds out the last episode");
        assertEquals(0, HoldoutSplit.of(ep, ep.length, 0.0, 5000, 0).holdout().length);
    }
}
