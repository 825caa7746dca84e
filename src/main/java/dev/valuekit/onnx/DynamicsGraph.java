package dev.valuekit.onnx;

import dev.valuekit.dynamics.DynamicsNetwork;
import dev.valuekit.dynamics.DynamicsSpec;
import dev.valuekit.dynamics.Termination;
import dev.valuekit.tensor.GaussianNll;

import java.util.ArrayList;
import java.util.List;

/**
 * The graph of a learned dynamics model, as {@code LearnedDynamics} predicts with the elites' mean and no
 * sampling: the ensemble on the normalised {@code obs ⊕ act} gives each member's mean of
 * {@code Δobs ⊕ reward} and, for NLL models, a raw log-variance bounded as in {@link GaussianNll}
 * ({@code lv = min + softplus(max − softplus(max − raw) − min)}); the elites' means and variances
 * {@code exp(lv)} are averaged, {@code next_obs = obs + mean Δobs}, {@code reward = mean reward}. A learned
 * termination head adds the elites' mean terminal probability (valuekit ends an episode where it exceeds ½).
 */
final class DynamicsGraph {
    private DynamicsGraph() {}

    static OnnxGraph build(DynamicsSpec spec, DynamicsNetwork net) {
        NetworkOps ops = new NetworkOps(new OnnxGraph("valuekit_dynamics"));
        OnnxGraph g = ops.graph();
        int d = spec.obsDim(), t = spec.targetDim(), e = spec.elites().length;
        List<String> obsCols = List.of(spec.obsColumns());
        String obs = g.input(Port.matrix("obs", obsCols, "observation"));
        String act = g.input(Port.matrix("act", List.of(spec.actColumns()), "action"));
        String x = ops.normalize(ops.concat(1, List.of(obs, act)), net.normalizer(), "dynamics_input");

        String body = ops.gatherRows(ops.mlp(x, net.body()), spec.elites());       // [elites, batch, width]
        String mean = ops.slice(body, 2, 0, t);
        String meanOfElites = ops.reduce("ReduceMean", mean, 0);                   // [batch, t]
        g.output(g.op("Add", obs, ops.slice(meanOfElites, 1, 0, d)),
                Port.matrix("next_obs", nextColumns(obsCols), "next observation: obs + the elites' mean predicted change"));
        g.output(ops.squeeze(ops.slice(meanOfElites, 1, d, d + 1), 1),
                Port.vector("reward", "the elites' mean predicted reward"));

        List<String> targets = targetColumns(obsCols);
        List<Object> perMember = List.of(OnnxGraph.BATCH, e, t);
        g.output(ops.transpose(mean, 1, 0, 2), new Port("member_mean", "float32", perMember, targets,
                "each elite's predicted mean of (delta obs, reward); elites in the order of the spec's 'elites'"));
        if (net.probabilistic()) {
            String variance = g.op("Exp", logVariance(ops, ops.slice(body, 2, t, 2L * t), net.nll(), t));
            g.output(ops.transpose(variance, 1, 0, 2), new Port("member_variance", "float32", perMember, targets,
                    "each elite's predicted variance of (delta obs, reward)"));
        }
        if (net.learnedTermination() && spec.termination().kind() == Termination.Kind.LEARNED) {
            String logits = ops.squeeze(ops.gatherRows(ops.mlp(x, net.termination()), spec.elites()), 2);
            g.output(ops.reduce("ReduceMean", g.op("Sigmoid", logits), 0),
                    Port.vector("p_terminal", "the elites' mean probability that the next state is terminal (valuekit: terminated when > 0.5)"));
        }
        return g;
    }

    /** {@code lo + softplus(hi − softplus(hi − raw) − lo)}, elementwise with [1, t] bounds. */
    private static String logVariance(NetworkOps ops, String raw, GaussianNll nll, int t) {
        OnnxGraph g = ops.graph();
        String hi = g.constant("max_logvar", nll.maxLogVar().toDoubleArray(), 1, t);
        String lo = g.constant("min_logvar", nll.minLogVar().toDoubleArray(), 1, t);
        String capped = g.op("Sub", hi, g.op("Softplus", g.op("Sub", hi, raw)));
        return g.op("Add", lo, g.op("Softplus", g.op("Sub", capped, lo)));
    }

    private static List<String> nextColumns(List<String> obsCols) {
        List<String> out = new ArrayList<>();
        for (String c : obsCols) out.add(c.startsWith("obs_") ? "next_" + c : "next_obs_" + c);
        return out;
    }

    private static List<String> targetColumns(List<String> obsCols) {
        List<String> out = new ArrayList<>();
        for (String c : obsCols) out.add("delta_" + c);
        out.add("reward");
        return out;
    }
}
