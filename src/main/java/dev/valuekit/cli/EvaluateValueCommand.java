package dev.valuekit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import dev.valuekit.dynamics.DynamicsModel;
import dev.valuekit.dynamics.DynamicsModels;
import dev.valuekit.env.Environment;
import dev.valuekit.env.Environments;
import dev.valuekit.evaluate.EdgeOfReach;
import dev.valuekit.evaluate.ValueEvaluator;
import dev.valuekit.evaluate.ValueReport;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Precision;
import dev.valuekit.value.FittedValue;
import dev.valuekit.value.ValueArtifacts;
import dev.valuekit.table.Transitions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/** {@code valuekit evaluate value}: a fitted V, Q or agent critic against the data's Monte-Carlo returns. */
@Command(name = "value",
        header = "A value function against Monte-Carlo returns of the data",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Compare a value, q or agent model with the discounted Monte-Carlo returns of a transitions table (the model's "
                + "gamma): RMSE, bias (mean prediction - mean return; positive = overestimation), Spearman rank correlation, "
                + "mean squared one-step TD error, the value of the episodes' initial states, and for Q models the mean "
                + "standard deviation across critics on the data's actions vs on uniform random actions.",
            "Q models are evaluated at the data's actions. Rows of episodes that end without a terminal state and whose "
                + "missing tail weighs more than 1%% (gamma^(rows left) > 0.01) have no usable return and are left out of "
                + "RMSE/bias/Spearman (--mc-tail keep counts the tail as zero instead).",
            "--edge-of-reach DYN|env:NAME (agent models) adds Q at the edge of reach (Sims et al. 2024): --reach-rollouts "
                + "data states drawn with replacement are rolled out --rollout-horizon steps through that dynamics model with "
                + "actions sampled from the agent's actor, as model-based fit-value --method sac trains on. A final state is at "
                + "the edge of reach when no state the critics train on (the data's states and other rollouts' steps 1..K-1) "
                + "lies within tau of it, distances in observations scaled by the data's standard deviations, tau = 99th "
                + "percentile of the distance from a data state to its nearest other data state: the critics only ever meet "
                + "it as a bootstrap target. For the rollouts' start states (data), the other final states (reached) and the "
                + "edge states the report gives the agent's Q at its mean action and the realised discounted return of that "
                + "mean policy from the state in the true environment (--env, default the env:NAME of --edge-of-reach; "
                + "--discount-steps steps): bias = mean Q - mean return."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  valuekit evaluate value --model v.safetensors --input pendulum-medium.csv",
            "  valuekit evaluate value --model agent.safetensors --input pendulum-random.csv --json",
            "  # Q at the edge of reach of the agent's own 5-step rollouts in the true dynamics (bench/edge-of-reach.sh)",
            "  valuekit evaluate value --model agent.safetensors --input point2d.csv --edge-of-reach env:point2d --rollout-horizon 5"
        })
public final class EvaluateValueCommand extends BaseCommand {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL", description = "A value, q or agent model from fit-value.")
    Path model;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "DATA", description = "Transitions table with episode (and step) columns.")
    String data;

    @Mixin
    TransitionColumnOptions columns = new TransitionColumnOptions();

    @Option(names = "--mc-tail", paramLabel = "drop|keep", defaultValue = "drop",
            description = "Rows with an unknown tail that matters: drop, or keep with the tail counted as zero. Default: ${DEFAULT-VALUE}.")
    String mcTail;

    @Option(names = "--edge-of-reach", paramLabel = "DYN|env:NAME",
            description = "Agent models: also report Q on the data states, the reached and the edge-of-reach final states of "
                    + "rollouts in this dynamics model (see above). Default: off.")
    String reachModel;

    @Option(names = "--rollout-horizon", paramLabel = "K", defaultValue = "5",
            description = "Length of the --edge-of-reach rollouts (fit-value's --rollout-horizon). Default: ${DEFAULT-VALUE}.")
    int horizon;

    @Option(names = "--reach-rollouts", paramLabel = "N", defaultValue = "1000",
            description = "Rollouts for --edge-of-reach. Default: ${DEFAULT-VALUE}.")
    int reachRollouts;

    @Option(names = "--env", paramLabel = "NAME",
            description = "The true environment for --edge-of-reach's realised returns. Default: the env:NAME of --edge-of-reach.")
    String env;

    @Option(names = "--env-param", split = ",", paramLabel = "KEY=VALUE",
            description = "Override constants of --env (see 'valuekit rollout --help'). Default: the environment's values.")
    java.util.Map<String, Double> envParams = new java.util.LinkedHashMap<>();

    @Option(names = "--discount-steps", paramLabel = "N", defaultValue = "1000",
            description = "Steps of the realised discounted return for --edge-of-reach. Default: ${DEFAULT-VALUE}.")
    int discountSteps;

    @Mixin
    SeedOption seed = new SeedOption();

    @Option(names = "--json", description = "Write the report as JSON. Default: text.")
    boolean json;

    @Option(names = {"-o", "--output"}, defaultValue = "-", paramLabel = "FILE", description = "Where to write the report. Default: stdout.")
    @OutputFile
    String output;

    @Override
    protected int run() throws Exception {
        if (!mcTail.equals("drop") && !mcTail.equals("keep")) throw new BadInputException("--mc-tail must be drop or keep, got " + mcTail, "e.g. --mc-tail keep");
        Nd4jRuntime.configure(Precision.F32, global().threads());
        FittedValue v = ValueArtifacts.load(model, ValueArtifacts.VALUE, ValueArtifacts.Q, ValueArtifacts.AGENT);
        Transitions d = Transitions.read(data, io().stdin(), readOptions(), columns.names());
        String source = d.source();
        if (d.obsDim() != v.obsColumns().length || (v.isQ() && d.actDim() != v.actColumns().length)) {
            throw BadInputException.inFile("data has " + d.obsDim() + " observation and " + d.actDim() + " action columns, the model reads "
                    + v.obsColumns().length + " and " + v.actColumns().length, source, "evaluate the model on data like the data it was fitted on");
        }
        ValueReport r = ValueEvaluator.evaluate(v, d, mcTail.equals("keep") ? 0 : 0.01, seed.seed());
        EdgeOfReach.Report reach = reachModel == null ? null : edgeOfReach(v, d);
        String text = json ? json(r, reach) : text(r, reach);
        try (AtomicOutput out = openOutput(output)) {
            out.stream().write(text.getBytes(StandardCharsets.UTF_8));
            out.commit();
        }
        return 0;
    }

    private EdgeOfReach.Report edgeOfReach(FittedValue v, Transitions d) {
        if (v.actor() == null) {
            throw new BadInputException("--edge-of-reach needs an agent model (its actor makes the rollouts), " + model + " is a "
                    + v.kind() + " model", "give an agent from fit-value --method sac");
        }
        if (horizon < 1) throw new BadInputException("--rollout-horizon must be >= 1, got " + horizon, "e.g. --rollout-horizon 5");
        if (reachRollouts < 1) throw new BadInputException("--reach-rollouts must be >= 1, got " + reachRollouts, "e.g. --reach-rollouts 1000");
        if (discountSteps < 1) throw new BadInputException("--discount-steps must be >= 1", "e.g. --discount-steps 1000");
        if (d.rows() == 0) throw BadInputException.inFile("no rows to start rollouts from", data, "give a non-empty table");
        boolean builtIn = reachModel.startsWith(DynamicsModels.ENV_PREFIX);
        if (env == null && !builtIn) {
            throw new BadInputException("--edge-of-reach " + reachModel + " is a learned model: the realised returns need the true environment",
                    "add --env NAME");
        }
        Environment truth = Environments.create(env != null ? env : reachModel.substring(DynamicsModels.ENV_PREFIX.length()), envParams);
        if (truth.obsDim() != d.obsDim() || truth.actionSpace().dim() != d.actDim()) {
            throw new BadInputException(truth.name() + " has " + truth.obsDim() + " observation and " + truth.actionSpace().dim()
                    + " action columns, the data " + d.obsDim() + " and " + d.actDim(), "give the data's environment as --env");
        }
        DynamicsModel dyn = DynamicsModels.resolve(reachModel, builtIn ? envParams : java.util.Map.of());
        return EdgeOfReach.evaluate(v, d, dyn, truth, horizon, reachRollouts, discountSteps, seed.seed());
    }

    private static void group(ObjectNode o, EdgeOfReach.Group g) {
        o.put("count", g.count()).put("mean_q", g.meanQ()).put("mean_return", g.meanReturn()).put("bias", g.bias());
    }

    private static String text(ValueReport r, EdgeOfReach.Report reach) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s model %s (%s, gamma %s, %d critics) on %d rows, %d with a Monte-Carlo return%n",
                r.kind(), r.model(), r.method(), r.gamma(), r.members(), r.rows(), r.rowsCompared()));
        sb.append(String.format(Locale.ROOT, "rmse %.4f  bias %+.4f  spearman %.4f  (mean prediction %.4f, mean return %.4f)%n",
                r.rmse(), r.bias(), r.spearman(), r.meanPrediction(), r.meanReturn()));
        sb.append(String.format(Locale.ROOT, "td error (mean squared) %.4f over %d rows%n", r.tdError(), r.tdRows()));
        sb.append(String.format(Locale.ROOT, "initial states: value %.4f, return %.4f%n", r.initialValue(), r.initialReturn()));
        if (!Double.isNaN(r.ensembleStdData())) {
            sb.append(String.format(Locale.ROOT, "critic std: data actions %.4f, random actions %.4f%n", r.ensembleStdData(), r.ensembleStdRandom()));
        }
        if (reach != null) {
            sb.append(String.format(Locale.ROOT, "edge of reach: %d rollouts of %d steps, %d reached step %d, %d at the edge (tau %.4f)%n",
                    reach.rollouts(), reach.horizon(), reach.finals(), reach.horizon(), reach.edge().count(), reach.radius()));
            group(sb, "data states", reach.data());
            group(sb, "reached states", reach.reached());
            group(sb, "edge states", reach.edge());
        }
        return sb.toString();
    }

    private static void group(StringBuilder sb, String name, EdgeOfReach.Group g) {
        sb.append(String.format(Locale.ROOT, "  %-15s n %5d  Q %.4f  return %.4f  bias %+.4f%n", name, g.count(), g.meanQ(), g.meanReturn(), g.bias()));
    }

    private static String json(ValueReport r, EdgeOfReach.Report reach) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("model", r.model()).put("kind", r.kind()).put("method", r.method()).put("gamma", r.gamma()).put("critics", r.members());
        o.put("rows", r.rows()).put("rows_compared", r.rowsCompared());
        o.put("rmse", r.rmse()).put("bias", r.bias()).put("spearman", r.spearman());
        o.put("mean_prediction", r.meanPrediction()).put("mean_return", r.meanReturn());
        o.put("td_error", r.tdError()).put("td_rows", r.tdRows());
        o.put("initial_value", r.initialValue()).put("initial_return", r.initialReturn());
        if (!Double.isNaN(r.ensembleStdData())) o.put("critic_std_data", r.ensembleStdData()).put("critic_std_random", r.ensembleStdRandom());
        if (reach != null) {
            ObjectNode e = o.putObject("edge_of_reach");
            e.put("horizon", reach.horizon()).put("rollouts", reach.rollouts()).put("finals", reach.finals()).put("radius", reach.radius());
            group(e.putObject("data"), reach.data());
            group(e.putObject("reached"), reach.reached());
            group(e.putObject("edge"), reach.edge());
        }
        return o.toPrettyString() + "\n";
    }
}
