package dev.valuekit.dynamics;

import dev.valuekit.common.BadInputException;
import dev.valuekit.table.Batch;
import dev.valuekit.table.TransitionColumns;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransitionDataTest {
    static Batch table(double badReward) {
        return new Batch.Builder(3)
                .addLong("episode", new long[] {0, 0, 1})
                .addDouble("obs_0", new double[] {1, 2, 3}).addDouble("obs_1", new double[] {10, 20, 30})
                .addDouble("act_0", new double[] {0.5, -0.5, 0})
                .addDouble("reward", new double[] {-1, badReward, -3})
                .addDouble("next_obs_0", new double[] {1.5, 2.5, 2}).addDouble("next_obs_1", new double[] {11, 19, 30})
                .addBool("terminated", new boolean[] {false, true, true})
                .addBool("truncated", new boolean[] {false, false, true})
                .build();
    }

    @Test
    void inputsAreObsAndActTargetsAreDeltaAndReward() {
        Batch b = table(-2);
        TransitionData d = TransitionData.from(b, TransitionColumns.resolve(b.schema(), "t"), "t");
        assertEquals(3, d.inputDim());
        assertEquals(3, d.targetDim());
        assertArrayEquals(new double[] {1, 10, 0.5, 2, 20, -0.5, 3, 30, 0}, d.inputs());
        assertArrayEquals(new double[] {0.5, 1, -1, 0.5, -1, -2, -1, 0, -3}, d.targets());
        assertArrayEquals(new long[] {0, 0, 1}, d.episode());
    }

    @Test
    void truncatedRowsAreNeverTerminal() {
        Batch b = table(-2);
        TransitionData d = TransitionData.from(b, TransitionColumns.resolve(b.schema(), "t"), "t");
        assertArrayEquals(new boolean[] {false, true, false}, d.terminal());
    }

    @Test
    void nonFiniteValuesAreBadInputNamingRowAndColumn() {
        Batch b = table(Double.NaN);
        BadInputException e = assertThrows(BadInputException.class,
                () -> TransitionData.from(b, TransitionColumns.resolve(b.schema(), "t"), "t"));
        assertEquals(2, e.row());
        assertEquals("reward", e.column());
    }

    @Test
    void emptyTableIsBadInput() {
        Batch b = table(-2).head(0);
        BadInputException e = assertThrows(BadInputException.class,
                () -> TransitionData.from(b, TransitionColumns.resolve(b.schema(), "t"), "t"));
        assertTrue(e.what().contains("empty training set"));
    }
}
