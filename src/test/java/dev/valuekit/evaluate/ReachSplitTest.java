package dev.valuekit.evaluate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The edge-of-reach split on a hand-built 1-D case. */
class ReachSplitTest {
    @Test
    void finalStatesFarFromEveryTrainingInputAreAtTheEdge() {
        // data: 0, 0.1, ..., 1.0 (std 0.3162...); nearest-neighbour distance 0.1 for every row, so tau = 0.1 / std
        double[] data = new double[11];
        for (int i = 0; i < 11; i++) data[i] = i / 10.0;
        // three 2-step rollouts: 0.5 -> 0.9 -> 1.02 ends within 0.1 of the data state 1.0 (reached);
        // 1.0 -> 1.5 -> 2.0 ends 0.2 beyond rollout 2's step 1 at 1.8 (its own step 1 does not count): edge;
        // 1.0 -> 1.8 -> 2.3: 0.8 from the other rollouts' step 1 (1.5) and 0.3 from 2.0, which is a final
        // state, not a training input: edge as well
        double[][] states = {{0.5, 1.0, 1.0}, {0.9, 1.5, 1.8}, {1.02, 2.0, 2.3}};
        boolean[][] alive = {{true, true, true}, {true, true, true}, {true, true, true}};
        ReachSplit s = new ReachSplit(data, 11, 1, states, alive, 1);
        assertEquals(0.1 / std(data), s.radius(), 1e-9);
        assertEquals(3, s.finals());
        assertFalse(s.isEdge(0));
        assertTrue(s.isEdge(1));
        assertTrue(s.isEdge(2));
        assertEquals(2, s.edges());
    }

    @Test
    void anotherRolloutsInnerStateCoversAFinalStateAndTerminatedRolloutsHaveNone() {
        double[] data = {0, 0.1, 0.2};
        // rollout 0 ends at 0.95, within 0.1 of rollout 1's step 1 (0.9): reached; rollout 1 ends at 5 but
        // terminated at step 2, so it has no final state
        double[][] states = {{0.0, 0.2}, {0.5, 0.9}, {0.95, 5.0}};
        boolean[][] alive = {{true, true}, {true, true}, {true, false}};
        ReachSplit s = new ReachSplit(data, 3, 1, states, alive, 1);
        assertEquals(1, s.finals());
        assertFalse(s.isEdge(0));
        assertFalse(s.isEdge(1));
        assertEquals(0, s.edges());
    }

    private static double std(double[] v) {
        double mu = 0, ss = 0;
        for (double x : v) mu += x / v.length;
        for (double x : v) ss += (x - mu) * (x - mu);
        return Math.sqrt(ss / v.length);
    }
}
