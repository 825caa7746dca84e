package dev.valuekit.table;

import dev.valuekit.common.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransitionsTest {
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
    void readsRowMajorArraysAndObsActConcatenatesThem() {
        Transitions d = Transitions.from(table(-2), "t");
        assertEquals(2, d.obsDim());
        assertEquals(1, d.actDim());
        assertArrayEquals(new String[] {"obs_0", "obs_1"}, d.obsNames());
        assertArrayEquals(new double[] {1, 10, 2, 20, 3, 30}, d.obs());
        assertArrayEquals(new double[] {1.5, 11, 2.5, 19, 2, 30}, d.nextObs());
        assertArrayEquals(new double[] {-1, -2, -3}, d.reward());
        assertArrayEquals(new double[] {1, 10, 0.5, 2, 20, -0.5, 3, 30, 0}, d.obsAct());
        assertArrayEquals(new double[] {2, 20}, d.obsRow(1));
        assertArrayEquals(new long[] {0, 0, 1}, d.episode());
        assertNull(d.step());
    }

    @Test
    void truncatedRowsAreNeverTerminal() {
        Transitions d = Transitions.from(table(-2), "t");
        assertArrayEquals(new boolean[] {false, true, false}, d.terminal());
        assertArrayEquals(new boolean[] {false, false, true}, d.truncated());
    }

    @Test
    void otherNamesReadTheSameArrays() {
        Batch b = table(-2);
        List<Field> renamed = new java.util.ArrayList<>();
        for (Field f : b.schema().fields()) {
            String n = f.name().replace("next_obs_", "s2_").replace("obs_", "s_").replace("act_", "a_").replace("reward", "r");
            renamed.add(new Field(n, f.type()));
        }
        Object[] cols = new Object[b.schema().size()];
        for (int c = 0; c < cols.length; c++) cols[c] = b.column(c);
        Batch r = new Batch(new Schema(renamed), b.rows(), cols);
        Transitions d = Transitions.from(r, new TransitionNames("s_", "a_", "s2_", "r"), "t");
        Transitions e = Transitions.from(b, "t");
        assertArrayEquals(e.obsAct(), d.obsAct());
        assertArrayEquals(e.nextObs(), d.nextObs());
        assertArrayEquals(e.reward(), d.reward());
        assertArrayEquals(new String[] {"s_0", "s_1"}, d.obsNames());
        BadInputException x = assertThrows(BadInputException.class, () -> Transitions.from(r, "t.csv"));
        assertTrue(x.getMessage().startsWith("missing observation columns obs_0..obs_{d-1} (t.csv): "), x.getMessage());
        assertTrue(x.getMessage().endsWith("name their prefix with --obs-prefix"), x.getMessage());
        x = assertThrows(BadInputException.class, () -> Transitions.from(r, new TransitionNames("s_", "a_", "s2_", null), "t.csv"));
        assertTrue(x.getMessage().startsWith("missing column 'reward' (t.csv): "), x.getMessage());
        assertTrue(x.getMessage().endsWith("name the reward column with --reward-column"), x.getMessage());
    }

    @Test
    void nonFiniteValuesAreBadInputNamingRowAndColumn() {
        BadInputException e = assertThrows(BadInputException.class, () -> Transitions.from(table(Double.NaN), "t"));
        assertEquals(2, e.row());
        assertEquals("reward", e.column());
    }

    @Test
    void emptyTableIsBadInput() {
        BadInputException e = assertThrows(BadInputException.class, () -> Transitions.from(table(-2).head(0), "t"));
        assertTrue(e.what().contains("no transitions"));
    }

    @Test
    void writersSchemaIsWhatReadersResolve() {
        Schema s = Transitions.schema(3, 1);
        assertEquals(List.of("episode", "step", "obs_0", "obs_1", "obs_2", "act_0", "reward", "next_obs_0", "next_obs_1", "next_obs_2",
                "terminated", "truncated"), s.fields().stream().map(Field::name).toList());
        TransitionColumns c = TransitionColumns.resolve(s, "t");
        assertEquals(3, c.obsDim());
        assertEquals(0, c.episode());
        assertEquals(1, c.step());
    }
}
