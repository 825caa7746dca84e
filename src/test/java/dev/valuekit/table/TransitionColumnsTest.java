package dev.valuekit.table;

import dev.valuekit.common.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransitionColumnsTest {
    private static Schema schema(String... names) {
        Field[] f = new Field[names.length];
        for (int i = 0; i < names.length; i++) {
            ColumnType t = names[i].equals("episode") || names[i].equals("step") ? ColumnType.INT64
                    : names[i].equals("terminated") ? ColumnType.BOOL : names[i].equals("label") ? ColumnType.STRING : ColumnType.FLOAT64;
            f[i] = new Field(names[i], t);
        }
        return Schema.of(f);
    }

    @Test
    void resolvesCanonicalColumnsInNumericOrder() {
        Schema s = schema("episode", "obs_1", "obs_0", "act_0", "reward", "next_obs_0", "next_obs_1", "terminated", "truncated");
        TransitionColumns t = TransitionColumns.resolve(s, "t.csv");
        assertArrayEquals(new int[] {2, 1}, t.obs());
        assertArrayEquals(new int[] {3}, t.act());
        assertArrayEquals(new int[] {5, 6}, t.nextObs());
        assertEquals(4, t.reward());
        assertEquals(7, t.terminated());
        assertEquals(8, t.truncated());
        assertEquals(0, t.episode());
        assertEquals(-1, t.step());
        assertEquals(2, t.obsDim());
    }

    @Test
    void customPrefixes() {
        Schema s = schema("s_0", "a_0", "a_1", "reward", "s2_0", "terminated", "truncated");
        TransitionColumns t = TransitionColumns.resolve(s, "t.csv", new TransitionNames("s_", "a_", "s2_", null));
        assertArrayEquals(new int[] {0}, t.obs());
        assertArrayEquals(new int[] {1, 2}, t.act());
        assertArrayEquals(new int[] {4}, t.nextObs());
    }

    @Test
    void missingPartsAreNamed() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> TransitionColumns.resolve(schema("obs_0", "reward", "next_obs_0", "terminated", "truncated"), "t.csv"));
        assertTrue(e.getMessage().startsWith("missing action columns act_0..act_{d-1} (t.csv): the table has 5 columns: obs_0, reward"),
                e.getMessage());
        e = assertThrows(BadInputException.class,
                () -> TransitionColumns.resolve(schema("obs_0", "obs_1", "act_0", "reward", "next_obs_0", "terminated", "truncated"), "t.csv"));
        assertTrue(e.getMessage().contains("observation has 2 columns (obs_*) but next observation has 1"), e.getMessage());
        e = assertThrows(BadInputException.class,
                () -> TransitionColumns.resolve(schema("obs_0", "act_0", "next_obs_0", "terminated", "truncated"), "t.csv"));
        assertTrue(e.getMessage().startsWith("missing column 'reward' (t.csv)"), e.getMessage());
        e = assertThrows(BadInputException.class,
                () -> TransitionColumns.resolve(schema("obs_0", "obs_2", "act_0", "reward", "next_obs_0", "next_obs_1", "terminated", "truncated"), "t.csv"));
        assertTrue(e.getMessage().contains("obs_* are not numbered"), e.getMessage());
    }

    @Test
    void columnSelectionByNamesAndGlobs() {
        Schema s = schema("episode", "obs_0", "obs_1", "act_0", "reward", "next_obs_0", "next_obs_1", "terminated", "truncated");
        assertEquals(List.of(1, 2, 4), ColumnSelection.resolve(s, "obs_*,reward", "t"));
        assertEquals(List.of(4, 1, 2, 5, 6), ColumnSelection.resolve(s, "reward,*obs_?", "t"));
        assertEquals(List.of(7, 8), ColumnSelection.resolve(s, "t*,terminated", "t"));
        BadInputException e = assertThrows(BadInputException.class, () -> ColumnSelection.resolve(s, "obs_*,act_9", "t"));
        assertTrue(e.getMessage().contains("available columns: episode,obs_0,obs_1,act_0,reward,next_obs_0,next_obs_1,terminated,truncated"));
        assertThrows(BadInputException.class, () -> ColumnSelection.resolve(s, "x*", "t"));
        assertThrows(BadInputException.class, () -> ColumnSelection.resolve(s, "reward,", "t"));
    }
}
