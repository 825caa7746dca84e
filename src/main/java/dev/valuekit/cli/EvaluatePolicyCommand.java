package dev.valuekit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import dev.valuekit.env.Environment;
import dev.valuekit.env.Environments;
import dev.valuekit.evaluate.PolicyEvaluator;
import dev.valuekit.evaluate.PolicyPlot;
import dev.valuekit.evaluate.PolicyReport;
import dev.valuekit.policy.Policy;
import dev.valuekit.table.Batch;
import dev.valuekit.table.Tables;
import dev.valuekit.table.TransitionColumns;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Precision;
import dev.valuekit.value.ArtifactPolicies;
import dev.valuekit.value.FittedValue;
import dev.valuekit.value.ValueArtifacts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/** {@code valuekit evaluate policy}: returns of a policy in a built-in environment. */
@Command(name = "policy",
        header = "A policy's returns in a built-in environment",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run a policy for --episodes episodes in a built-in environment and report the return (Gymnasium convention: "
                + "the undiscounted sum of rewards up to the time limit): mean, std (population), min, max.",
            "With a Q model (--q, or the agent itself when --policy is an agent file) each episode also runs on for "
                + "--discount-steps steps to measure the realised discounted return (the model's gamma) from its start state, "
                + "reported against the model's Q(s0, a0) for the first action taken: the overestimation (bias) of the critics."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  valuekit evaluate policy --policy agent.safetensors --env pendulum --episodes 50",
            "  # start from data states instead of resets; JSON and a plot of Q vs realised return",
            "  valuekit evaluate policy --policy agent.safetensors --env pendulum --start pendulum-medium.csv --json --plot cal.png",
            "  valuekit evaluate policy --policy best-of:32 --q fqe.safetensors --env pendulum",
            "  valuekit evaluate policy --policy random --env pendulum --episodes 100",
            "  # an agent trained on pendulum data with 10 distracting noise columns (bench/vagram.sh)",
            "  valuekit evaluate policy --policy agent.safetensors --env pendulum --env-param distractors=10"
        })
public final class EvaluatePolicyCommand extends BaseCommand {
    @Option(names = "--policy", required = true, paramLabel = "SPEC",
            description = "An agent .safetensors (its mean action; a dqn/cql agent: its greedy action), best-of:N (with --q), random, "
                    + "zero, constant:V, gaussian:SIGMA.")
    String policy;

    @Option(names = "--policy-sample",
            description = "Sample the agent's actions instead of taking its mean (a dqn/cql agent: softmax over Q). Default: off.")
    boolean sample;

    @Option(names = "--q", paramLabel = "MODEL",
            description = "A q or agent model: ranks best-of:N candidates and is compared with realised returns. Default: the agent given as --policy.")
    Path q;

    @Option(names = "--env", required = true, paramLabel = "NAME", description = "Environment: pendulum, mountaincar, cartpole, acrobot or point2d.")
    String env;

    @Option(names = "--env-param", split = ",", paramLabel = "KEY=VALUE",
            description = "Override environment constants (see 'valuekit rollout --help'), e.g. g=12; distractors=K appends K "
                    + "AR(1) noise observations for a policy trained on data with distracting columns (bench/distract.py). "
                    + "Default: Gymnasium's values.")
    java.util.Map<String, Double> envParams = new java.util.LinkedHashMap<>();

    @Option(names = {"-n", "--episodes"}, paramLabel = "N", defaultValue = "50", description = "Episodes. Default: ${DEFAULT-VALUE}.")
    int episodes;

    @Option(names = "--start", paramLabel = "DATA",
            description = "Start episodes at observations drawn (seeded) from this transitions table instead of resets. Default: resets.")
    String startData;

    @Mixin
    TransitionColumnOptions columns = new TransitionColumnOptions();

    @Option(names = "--discount-steps", paramLabel = "N", defaultValue = "1000",
            description = "Steps of the realised discounted return (with a Q model). Default: ${DEFAULT-VALUE}.")
    int discountSteps;

    @Mixin
    SeedOption seed = new SeedOption();

    @Option(names = "--json", description = "Write the report as JSON (with per-episode returns). Default: text.")
    boolean json;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Also plot returns (and Q vs realised return) into this PNG. Default: none.")
    @OutputFile
    String plot;

    @Option(names = {"-o", "--output"}, defaultValue = "-", paramLabel = "FILE", description = "Where to write the report. Default: stdout.")
    @OutputFile
    String output;

    @Override
    protected int run() throws Exception {
        if (episodes < 1) throw new BadInputException("--episodes must be >= 1, got " + episodes, "e.g. --episodes 50");
        columns.requireReadsTransitions(startData != null, "they apply to --start DATA; drop them, or add --start");
        if (discountSteps < 1) throw new BadInputException("--discount-steps must be >= 1", "e.g. --discount-steps 1000");
        if (plot != null && !plot.toLowerCase(Locale.ROOT).endsWith(".png")) throw new BadInputException("--plot '" + plot + "' is not a .png file", "name the plot FILE.png");
        Nd4jRuntime.configure(Precision.F32, global().threads());
        Environment environment = Environments.create(env, envParams);
        Policy pol = ArtifactPolicies.parse(policy, q, sample, environment.actionSpace(), environment.name(), environment.obsDim());
        Path qPath = q != null ? q : policy.trim().endsWith(".safetensors") ? Path.of(policy.trim()) : null;
        FittedValue qModel = qPath == null ? null : ValueArtifacts.load(qPath, ValueArtifacts.Q, ValueArtifacts.AGENT);
        double[][] starts = startData == null ? null : startObservations(environment);
        PolicyReport r = PolicyEvaluator.evaluate(environment, ArtifactPolicies.batched(pol, environment.obsDim()), pol.spec(), episodes,
                seed.seed(), starts, qModel, discountSteps);
        String text = json ? json(r) : text(r);
        try (AtomicOutput out = openOutput(output)) {
            out.stream().write(text.getBytes(StandardCharsets.UTF_8));
            if (plot != null) {
                try (AtomicOutput png = openOutput(plot)) {
                    java.io.OutputStream s = new java.io.BufferedOutputStream(png.stream());
                    PolicyPlot.writePng(r, s);
                    s.flush();
                    png.commit();
                }
            }
            out.commit();
        }
        return 0;
    }

    private double[][] startObservations(Environment environment) {
        Batch b = Tables.readAll(startData, io().stdin(), readOptions());
        int[] obs = TransitionColumns.observations(b.schema(), startData, columns.names());
        if (obs.length != environment.obsDim()) {
            throw BadInputException.inFile("data has " + obs.length + " observation columns, " + environment.name() + " has "
                    + environment.obsDim(), startData, "give data recorded in " + environment.name());
        }
        if (b.rows() == 0) throw BadInputException.inFile("no rows to start from", startData, "give a non-empty table");
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed.seed() ^ 0x57A7L);
        double[][] s = new double[episodes][obs.length];
        for (int e = 0; e < episodes; e++) {
            int row = rng.nextInt(b.rows());
            for (int j = 0; j < obs.length; j++) s[e][j] = b.getDouble(obs[j], row);
        }
        return s;
    }

    private static String text(PolicyReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "policy %s in %s, %d episodes%n", r.policy(), r.env(), r.returns().length));
        sb.append(String.format(Locale.ROOT, "return  mean %.2f  std %.2f  min %.2f  max %.2f%n", r.mean(), r.std(), r.min(), r.max()));
        if (r.initialQ() != null) {
            double q = mean(r.initialQ()), d = mean(r.discounted());
            sb.append(String.format(Locale.ROOT, "discounted return (gamma %s, %d steps)  mean %.2f%n", r.gamma(), r.discountSteps(), d));
            sb.append(String.format(Locale.ROOT, "Q(s0, a0)  mean %.2f  bias %+.2f%n", q, q - d));
        }
        return sb.toString();
    }

    private static String json(PolicyReport r) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("policy", r.policy());
        o.put("env", r.env());
        o.put("episodes", r.returns().length);
        o.put("mean_return", r.mean());
        o.put("std_return", r.std());
        o.put("min_return", r.min());
        o.put("max_return", r.max());
        var a = o.putArray("returns");
        for (double v : r.returns()) a.add(v);
        if (r.initialQ() != null) {
            o.put("gamma", r.gamma());
            o.put("discount_steps", r.discountSteps());
            o.put("mean_discounted_return", mean(r.discounted()));
            o.put("mean_initial_q", mean(r.initialQ()));
            o.put("q_bias", mean(r.initialQ()) - mean(r.discounted()));
        }
        return o.toPrettyString() + "\n";
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }
}
