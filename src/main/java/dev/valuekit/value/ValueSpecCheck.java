package dev.valuekit.value;

import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.SpecCheck;
import dev.valuekit.tensor.Activation;

/**
 * Validates a value, q or agent model's spec against itself and its tensors before
 * {@link ValueArtifacts} builds critics (and an actor) from it, naming the field that is wrong.
 */
final class ValueSpecCheck {
    private static final int MAX_COUNT = 1 << 20;

    private ValueSpecCheck() {}

    static void check(Artifact a, String source) {
        SpecCheck c = new SpecCheck(a, source);
        boolean stateValue = ValueArtifacts.VALUE.equals(a.kind());
        c.text("method");
        c.number("gamma", 0, 1);
        c.parsed("critic_target", Aggregation::parse);
        String[] obs = c.names("obs_columns", 1);
        String[] act = c.names("act_columns", stateValue ? 0 : 1);
        int members = c.integer("critics.members", 1, MAX_COUNT);
        int[] hidden = c.integers("critics.hidden", -1, 1, MAX_COUNT);
        c.parsed("critics.activation", Activation::parse);
        int actions = c.has("action_space.discrete") ? c.integer("action_space.discrete", 2, MAX_COUNT) : 0;
        if (actions > 0 && (stateValue || act.length != 1)) {
            throw c.bad("action_space.discrete", "needs a q or agent model with one action column");
        }
        int in = stateValue || actions > 0 ? obs.length : obs.length + act.length;
        c.numbers("critics.normalizer.mean", in);
        c.positives("critics.normalizer.std", in);
        c.mlp(stateValue ? ValueArtifacts.VALUE : ValueArtifacts.Q, members, in, hidden, Math.max(1, actions));
        if (!ValueArtifacts.AGENT.equals(a.kind()) || actions > 0) return;
        int[] actorHidden = c.integers("actor.hidden", -1, 1, MAX_COUNT);
        c.parsed("actor.activation", Activation::parse);
        c.numbers("actor.normalizer.mean", obs.length);
        c.positives("actor.normalizer.std", obs.length);
        double[] lo = c.numbers("actor.action_low", act.length), hi = c.numbers("actor.action_high", act.length);
        for (int j = 0; j < lo.length; j++) {
            if (!(lo[j] < hi[j])) throw c.bad("actor.action_low[" + j + "]", "= " + lo[j] + " is not below actor.action_high[" + j + "]");
        }
        c.mlp("actor", 1, obs.length, actorHidden, 2 * act.length);
    }
}
