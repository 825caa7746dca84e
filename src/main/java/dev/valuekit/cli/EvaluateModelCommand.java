package dev.valuekit.cli;

import dev.valuekit.common.BadInputException;
import dev.valuekit.dynamics.DynamicsModel;
import dev.valuekit.dynamics.DynamicsModels;
import dev.valuekit.dynamics.LearnedDynamics;
import dev.valuekit.evaluate.LearnedModelEvaluator;
import dev.valuekit.evaluate.LearnedModelReport;
import dev.valuekit.evaluate.ModelPlots;
import dev.valuekit.value.StateValue;
import dev.valuekit.value.ValueArtifacts;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.table.Batch;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Precision;
import dev.valuekit.evaluate.EvaluateOptions;
import dev.valuekit.evaluate.EvaluationReport;
import dev.valuekit.evaluate.ModelEvaluation;
import dev.valuekit.evaluate.ModelEvaluator;
import dev.valuekit.table.TableReader;
import dev.valuekit.table.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code valuekit evaluate model}: one-step error of a dynamics model on a transitions table; for a
 * learned model also NLL, calibration and open-loop k-step error along episodes.
 */
@Command(name = "model",
        header = "One-step and k-step error of a dynamics model on transitions",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "One-step error of a dynamics model on transitions: each row's next_obs_*, reward and terminated are "
                + "predicted from its obs_* and act_* and compared with the data. Prints, per output, RMSE, mean and "
                + "maximum absolute error, the row of the largest error and how many rows exceed --tolerance; for a "
                + "built-in environment (env:NAME) also how many rows match in every output.",
            "With env:NAME this checks data against the exact simulator: data recorded from Gymnasium should match "
                + "to about 1e-6. The table is read in batches, so memory stays bounded.",
            "With a learned model (a file from train-model) the report is, per output (next_obs_*, reward) and averaged: "
                + "one-step MSE of the elites' mixture mean in data units and divided by the output's variance in the data, "
                + "Gaussian NLL of the moment-matched mixture INCLUDING 1/2 and 1/2*log(2*pi) (nats per dimension), the "
                + "shares of targets within 1 and 2 predicted standard deviations (calibrated: 68.3%% / 95.4%%), the "
                + "terminated error rate, and open-loop observation MSE after k steps along the data's episodes following "
                + "its actions (--k). The table is then held in memory."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  # Gymnasium's own Pendulum-v1 recordings against the built-in pendulum",
            "  valuekit evaluate model --model env:pendulum \\",
            "      --input ../shared/datasets/pendulum-random.csv",
            "  # as JSON, with a looser tolerance",
            "  valuekit evaluate model -m env:cartpole -i cp.arrow --json --tolerance 1e-3",
            "  # how far a shifted pendulum (g=12, m=1.5) is from standard data",
            "  valuekit evaluate model -m env:pendulum --env-param g=12,m=1.5 -i pend.arrow",
            "  # a learned model on held-out episodes, with a figure of the",
            "  # k-step error and the training curve",
            "  valuekit evaluate model -m dyn.safetensors -i heldout.csv \\",
            "      --plot eval.png --log train-log.csv",
            "  # as JSON with longer horizons",
            "  valuekit evaluate model -m dyn.safetensors -i heldout.csv --k 1,10,50 --json",
            "  # value-aware error of a VaGraM model (train-model --loss vagram --value v.safetensors)",
            "  valuekit evaluate model -m vagram.safetensors -i heldout.csv --value v.safetensors"
        })
public final class EvaluateModelCommand extends BaseCommand {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
            description = "The dynamics model: env:NAME for a built-in environment (pendulum, mountaincar, cartpole, acrobot), "
                    + "or a model file from train-model.")
    String model;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE",
            description = "Transitions table (Arrow IPC file or stream, CSV, CSV.gz; '-' is stdin) with obs_*, act_*, "
                    + "reward, next_obs_*, terminated, truncated.")
    String data;

    @Option(names = "--env-param", split = ",", paramLabel = "KEY=VALUE",
            description = "Override constants of an env:NAME model, e.g. g=12,m=1.5 (see 'valuekit rollout --help'). "
                    + "Default: Gymnasium's values.")
    Map<String, Double> envParams = new LinkedHashMap<>();

    @Option(names = "--tolerance", paramLabel = "T", defaultValue = "1e-5",
            description = "Absolute error above which a row counts as beyond tolerance. Default: ${DEFAULT-VALUE}.")
    double tolerance;

    @Option(names = "--json", description = "Print the report as JSON instead of a text table.")
    boolean json;

    @Mixin
    SeedOption seed = new SeedOption();

    @Mixin
    TransitionColumnOptions columns = new TransitionColumnOptions();

    @Option(names = "--k", split = ",", paramLabel = "K1,K2,...",
            description = "Learned models: open-loop horizons. Default: 1,5,10,25.")
    int[] ks;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Learned models: write a PNG of the k-step error (and, with --log, the training curve). Default: none.")
    @OutputFile
    String plot;

    @Option(names = "--log", paramLabel = "FILE",
            description = "The training log table written by train-model --log-out, plotted beside the k-step error. Default: none.")
    String trainingLog;

    @Option(names = "--value", paramLabel = "V.safetensors",
            description = "Learned models: also report VaGraM's value-aware error, mean over rows of (V(s') - V(s'^))^2, where s' "
                    + "is the row's next_obs and s'^ = obs + predicted delta_obs (mean prediction, no sampling), for the elites' "
                    + "mean and for each member. A 'value' model gives V(s); an 'agent' gives Q(s, mu(s)) at its actor's mean "
                    + "action; a plain 'q' model is refused. Its observation columns must be the data's. Default: none.")
    java.nio.file.Path value;

    @Override
    protected int run() throws Exception {
        EvaluateOptions options = new EvaluateOptions(tolerance, seed.seed(), columns.names());
        if (!model.startsWith(DynamicsModels.ENV_PREFIX)) return runLearned(options);
        if (plot != null || trainingLog != null || ks != null || value != null) {
            throw new BadInputException("--plot, --log, --k and --value apply to learned models, not to " + model,
                    "drop them, or pass a model file from train-model");
        }
        DynamicsModel m = DynamicsModels.resolve(model, envParams);
        ModelEvaluation result;
        try (TableReader reader = Tables.open(data, io().stdin(), readOptions())) {
            result = ModelEvaluator.evaluate(m, reader, options, log());
        }
        writeReport(json ? EvaluationReport.json(result) : EvaluationReport.text(result));
        return 0;
    }

    private int runLearned(EvaluateOptions options) throws Exception {
        if (plot != null && !plot.toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw new BadInputException("--plot must name a .png file, got " + plot, "e.g. --plot eval.png");
        }
        Nd4jRuntime.configure(Precision.F32, global().threads());
        LearnedDynamics m = (LearnedDynamics) DynamicsModels.resolve(model, envParams);
        Batch logTable = trainingLog == null ? null : Tables.readAll(trainingLog, io().stdin(), readOptions());
        Batch table = Tables.readAll(data, io().stdin(), readOptions());
        StateValue v = value == null ? null
                : StateValue.of(ValueArtifacts.load(value, ValueArtifacts.VALUE, ValueArtifacts.Q, ValueArtifacts.AGENT));
        LearnedModelEvaluator.Report r = LearnedModelEvaluator.evaluate(m, table, "-".equals(data) ? "stdin" : data, options, ks, v, log());
        if (plot != null) {
            byte[] png = ModelPlots.png(r.evaluation(), logTable);
            try (AtomicOutput out = openOutput(plot)) {
                out.stream().write(png);
                out.commit();
            }
        }
        writeReport(json ? LearnedModelReport.json(r.evaluation(), r.valueAware()) : LearnedModelReport.text(r.evaluation(), r.valueAware()));
        return 0;
    }

    private void writeReport(String report) throws java.io.IOException {
        io().stdout().write(report.getBytes(StandardCharsets.UTF_8));
        io().stdout().flush();
    }
}
