package dev.valuekit.onnx;

import dev.valuekit.value.Aggregation;
import dev.valuekit.value.CriticEnsemble;
import dev.valuekit.value.FittedValue;
import dev.valuekit.value.TanhGaussianActor;

import java.util.List;

/**
 * The graphs of {@code value}, {@code q} and {@code agent} files: the actor's deterministic action
 * ({@link TanhGaussianActor#meanAction}), the critics' Q(s, a) and V(s) aggregated over the ensemble as the
 * file's critic target ({@link Aggregation}: min, mean or mean − k·std with the population std), and for an
 * agent V(s) = Q(s, μ(s)) as {@code StateValue} computes it.
 */
final class ValueGraphs {
    private ValueGraphs() {}

    static OnnxGraph actor(FittedValue v) {
        NetworkOps ops = new NetworkOps(new OnnxGraph("valuekit_actor"));
        String obs = ops.graph().input(obsPort(v));
        ops.graph().output(action(ops, obs, v.actor()),
                Port.matrix("act", List.of(v.actColumns()), "deterministic action c + h*tanh(mu) in the action bounds"));
        return ops.graph();
    }

    static OnnxGraph critic(FittedValue v) {
        NetworkOps ops = new NetworkOps(new OnnxGraph("valuekit_critic"));
        String obs = ops.graph().input(obsPort(v));
        String act = ops.graph().input(Port.matrix("act", List.of(v.actColumns()), "action"));
        critics(ops, ops.concat(1, List.of(obs, act)), v, "q", "Q(s, a)");
        return ops.graph();
    }

    static OnnxGraph value(FittedValue v) {
        NetworkOps ops = new NetworkOps(new OnnxGraph("valuekit_value"));
        String obs = ops.graph().input(obsPort(v));
        if (v.actor() == null) {
            critics(ops, obs, v, "value", "V(s)");
        } else {
            String act = action(ops, obs, v.actor());
            critics(ops, ops.concat(1, List.of(obs, act)), v, "value", "Q(s, mu(s)) with the actor's deterministic action");
        }
        return ops.graph();
    }

    private static Port obsPort(FittedValue v) {
        return Port.matrix("obs", List.of(v.obsColumns()), "observation");
    }

    /** c + h·tanh(μ), μ the first k outputs of the actor network on the normalised observation. */
    private static String action(NetworkOps ops, String obs, TanhGaussianActor actor) {
        OnnxGraph g = ops.graph();
        int k = actor.actDim();
        double[] lo = actor.low(), hi = actor.high(), centre = new double[k], half = new double[k];
        for (int j = 0; j < k; j++) {
            centre[j] = (hi[j] + lo[j]) / 2;
            half[j] = (hi[j] - lo[j]) / 2;
        }
        String out = ops.mlp(ops.normalize(obs, actor.normalizer(), "actor_obs"), actor.network());
        String mu = ops.squeeze(ops.slice(out, 2, 0, k), 0);
        return g.op("Add", g.op("Mul", g.op("Tanh", mu), g.constant("action_half_width", half, k)),
                g.constant("action_centre", centre, k));
    }

    /** Outputs {@code name} [batch] (aggregated) and {@code name_members} [batch, members]. */
    private static void critics(NetworkOps ops, String x, FittedValue v, String name, String what) {
        OnnxGraph g = ops.graph();
        CriticEnsemble c = v.critics();
        String q = ops.squeeze(ops.mlp(ops.normalize(x, c.normalizer(), "critic_input"), c.network()), 2);
        String members = ops.transpose(q, 1, 0);
        Aggregation agg = v.aggregation();
        String value = switch (agg.kind()) {
            case MIN -> ops.reduce("ReduceMin", members, 1);
            case MEAN -> ops.reduce("ReduceMean", members, 1);
            case MEAN_STD -> {
                String mean = ops.reduceKeep("ReduceMean", members, 1);
                String dev = g.op("Sub", members, mean);
                String std = g.op("Sqrt", ops.reduce("ReduceMean", g.op("Mul", dev, dev), 1));
                yield g.op("Sub", ops.squeeze(mean, 1), g.op("Mul", std, g.scalar("critic_target_k", agg.k())));
            }
        };
        List<String> names = new java.util.ArrayList<>();
        for (int m = 0; m < c.members(); m++) names.add(name + "_" + m);
        g.output(value, Port.vector(name, what + " aggregated over the critics as the model's critic target (" + agg + ")"));
        g.output(members, Port.matrix(name + "_members", names, what + " of each critic"));
    }
}
