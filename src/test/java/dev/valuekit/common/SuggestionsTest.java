package dev.valuekit.common;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SuggestionsTest {
    private static final List<String> COMMANDS = List.of("train-model", "fit-value", "rollout", "evaluate", "convert", "inspect");

    @Test
    void typosSwapsAndMissingPartsFindTheIntendedName() {
        assertEquals(List.of("train-model"), Suggestions.closest("trian-model", COMMANDS));
        assertEquals(List.of("rollout"), Suggestions.closest("rolout", COMMANDS));
        assertEquals(List.of("--max-epochs"), Suggestions.closest("--epochs", List.of("--elites", "--max-epochs", "--members")));
        assertEquals(List.of("sac"), Suggestions.closest("sack", List.of("mc", "td", "fqe", "sac")));
        assertEquals(List.of("pendulum"), Suggestions.closest("PENDELUM", List.of("pendulum", "mountaincar", "cartpole", "acrobot")));
    }

    @Test
    void farNamesGetNoGuessAndTiesAreAllNamed() {
        assertEquals(List.of(), Suggestions.closest("zzzzzz", COMMANDS));
        assertEquals(List.of(), Suggestions.closest("x", List.of("mc", "td")));
        assertEquals("did you mean 'cat' or 'bat'?", Suggestions.didYouMean("hat", List.of("cat", "bat", "cow")));
        assertEquals(List.of("f64"), Suggestions.closest("f6", List.of("f32", "f64")));
        assertEquals("", Suggestions.didYouMean("zzzz", COMMANDS));
    }

    @Test
    void aFixKeepsTheListOfChoices() {
        assertEquals("did you mean 'week'? (use day, week or month)",
                Suggestions.fix("weak", List.of("day", "week", "month"), "use day, week or month"));
        assertEquals("use day, week or month", Suggestions.fix("year", List.of("day", "week", "month"), "use day, week or month"));
    }

    @Test
    void distanceCountsAnAdjacentSwapAsOneEdit() {
        assertEquals(1, Suggestions.distance("ab", "ba"));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
        assertEquals(0, Suggestions.distance("", ""));
    }
}
