package dev.valuekit.value;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.env.Environment;
import dev.valuekit.table.Transitions;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Normalizer;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code fit-value --method dqn|cql}: a discrete-action agent whose policy is greedy (or softmax) over its Q. */
final class DqnFit {
    private DqnFit() {}

    static ValueFit.Result fit(ValueFit.Options o, Transitions data, Environment environment, String source, ProgressListener log) {
        boolean cql = o.method() == ValueFitOptions.Method.CQL;
        String method = cql ? "cql" : "dqn";
        DiscreteActions actions = DiscreteActions.of(data, environment, method);
        double alpha = cql ? o.offline().cqlAlphaOrDefault() : 0;
        DqnTrainer.Options to = new DqnTrainer.Options(o.critics(), o.arch(), o.aggregation(), o.credit(), o.gamma(), o.lr(), o.batch(),
                o.steps(), o.targetUpdate(), alpha, o.seed());
        DqnTrainer trainer = new DqnTrainer(to, Normalizer.fit(data.obs(), data.rows(), data.obsDim()), actions.count(),
                Nd4jRuntime.defaultPrecision());
        log.info(method + " on " + data.rows() + " transitions from " + source + ": " + actions.count() + " actions, " + o.critics()
                + " critic(s), " + o.arch().hidden().length + " x " + o.arch().hidden()[0] + " " + o.arch().activation() + ", "
                + o.steps() + " steps" + (cql ? ", alpha " + alpha : ""));
        DqnTrainer.Result r = trainer.train(data, actions.index(), log);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("steps", r.steps());
        summary.put("td_loss", r.tdLoss());
        if (cql) summary.put("cql_loss", r.cqlLoss());
        summary.put("q", r.meanQ());
        summary.put("updates_per_second", r.steps() / Math.max(1e-9, r.seconds()));
        summary.put("updates_per_cpu_second", r.steps() / Math.max(1e-9, r.cpuSeconds()));
        ObjectNode training = new ObjectMapper().createObjectNode();
        training.put("critics", o.critics()).put("steps", o.steps()).put("batch", o.batch()).put("lr", o.lr())
                .put("target_update", o.targetUpdate()).put("loss", "huber");
        if (cql) training.put("cql_alpha", alpha);
        ValueArtifacts.Meta meta = new ValueArtifacts.Meta(method, o.gamma(), o.credit(), o.aggregation(), data.obsNames(), data.actNames(),
                o.arch(), o.arch(), training);
        return new ValueFit.Result(ValueArtifacts.toArtifact(ValueArtifacts.AGENT, meta, trainer.critics(), null, null), summary);
    }
}
