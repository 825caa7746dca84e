package dev.valuekit.dynamics;

import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.SpecCheck;
import dev.valuekit.env.Environments;
import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.Precision;

import java.util.Locale;

/**
 * Validates a dynamics model's spec against itself and its tensors before {@link DynamicsArtifacts}
 * builds a network from it: every count, index, name, kind and range, so a damaged file is a one-line
 * bad-input error naming the field (never an index error, never a huge allocation).
 */
final class DynamicsSpecCheck {
    private static final int MAX_COUNT = 1 << 20;

    private DynamicsSpecCheck() {}

    static void check(Artifact a, String source) {
        SpecCheck c = new SpecCheck(a, source);
        int members = c.integer("architecture.members", 1, MAX_COUNT);
        int hidden = c.integer("architecture.hidden", 1, MAX_COUNT);
        int layers = c.integer("architecture.layers", 0, 1000);
        c.parsed("architecture.activation", Activation::parse);
        TrainOptions.Loss loss = c.parsed("architecture.loss", s -> TrainOptions.Loss.valueOf(s.toUpperCase(Locale.ROOT)));
        c.parsed("architecture.precision", Precision::parse);
        String[] obs = c.names("obs_columns", 1);
        String[] act = c.names("act_columns", 1);
        int in = obs.length + act.length;
        c.numbers("input_normalizer.mean", in);
        c.positives("input_normalizer.std", in);
        int[] elites = c.integers("elites", -1, 0, members - 1);
        if (elites.length == 0) throw c.bad("elites", "is empty; a model needs at least one elite member");
        if (java.util.Arrays.stream(elites).distinct().count() != elites.length) throw c.bad("elites", "repeats a member");
        Termination t = c.parsed("termination", Termination::parse);
        if (t.kind() == Termination.Kind.ENV) c.parsed("termination", s -> Environments.spec(t.env()));
        if (c.has("action_space.discrete")) {
            c.integer("action_space.discrete", 1, MAX_COUNT);
            if (act.length != 1) throw c.bad("action_space.discrete", "needs exactly one action column, the spec has " + act.length);
        } else {
            double[] lo = c.numbers("action_space.low", act.length), hi = c.numbers("action_space.high", act.length);
            for (int j = 0; j < lo.length; j++) {
                if (lo[j] > hi[j]) throw c.bad("action_space.low[" + j + "]", "= " + lo[j] + " is above action_space.high[" + j + "]");
            }
        }
        int[] widths = new int[layers];
        java.util.Arrays.fill(widths, hidden);
        int targets = obs.length + 1;
        c.mlp(DynamicsNetwork.PREFIX, members, in, widths, loss == TrainOptions.Loss.NLL ? 2 * targets : targets);
        if (t.kind() == Termination.Kind.LEARNED) c.mlp(DynamicsNetwork.TERMINATION_PREFIX, members, in, widths, 1);
    }
}
