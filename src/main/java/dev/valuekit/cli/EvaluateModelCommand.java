package dev.valuekit.cli;

import dev.valuekit.common.BadInputException;
import dev.valuekit.dynamics.DynamicsModel;
import dev.valuekit.dynamics.DynamicsModels;
import dev.valuekit.evaluate.EvaluateOptions;
import dev.valuekit.evaluate.EvaluationReport;
import dev.valuekit.evaluate.ModelEvaluation;
import dev.valuekit.evaluate.ModelEvaluator;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.TableReader;
import dev.valuekit.table.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code valuekit evaluate model}: one-step error of a dynamics model on a transitions table. */
@Command(name = "model",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "One-step error of a dynamics model on transitions: each row's next_obs_*, reward and terminated are "
                + "predicted from its obs_* and act_* and compared with the data. Prints, per output, RMSE, mean and "
                + "maximum absolute error, the row of the largest error and how many rows exceed --tolerance; for a "
                + "built-in environment (env:NAME) also how many rows match in every output.",
            "With env:NAME this checks data against the exact simulator: data recorded from Gymnasium should match "
                + "to about 1e-6. The table is read in batches, so memory stays bounded."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  # Gymnasium's own Pendulum-v1 recordings against the built-in pendulum",
            "  valuekit evaluate model --model env:pendulum \\",
            "      --data ../shared/datasets/pendulum-random.csv",
            "  # as JSON, with a looser tolerance",
            "  valuekit evaluate model -m env:cartpole -i cp.arrow --json --tolerance 1e-3",
            "  # how far a shifted pendulum (g=12, m=1.5) is from standard data",
            "  valuekit evaluate model -m env:pendulum --env-param g=12,m=1.5 -i pend.arrow"
        })
public final class EvaluateModelCommand extends BaseCommand {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
            description = "The dynamics model: env:NAME for a built-in environment (pendulum, mountaincar, cartpole, acrobot).")
    String model;

    @Option(names = {"-i", "--data", "--input"}, required = true, paramLabel = "FILE",
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

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed for sampling models (built-in environments are deterministic). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--obs-prefix", paramLabel = "P", defaultValue = "obs_",
            description = "Observation columns are P0, P1, ... Default: ${DEFAULT-VALUE}.")
    String obsPrefix;

    @Option(names = "--act-prefix", paramLabel = "P", defaultValue = "act_",
            description = "Action columns are P0, P1, ... Default: ${DEFAULT-VALUE}.")
    String actPrefix;

    @Option(names = "--next-obs-prefix", paramLabel = "P", defaultValue = "next_obs_",
            description = "Next-observation columns are P0, P1, ... Default: ${DEFAULT-VALUE}.")
    String nextObsPrefix;

    @Override
    protected int run() throws Exception {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new BadInputException("--tolerance must be a finite number >= 0, got " + tolerance, "e.g. --tolerance 1e-5");
        }
        DynamicsModel m = DynamicsModels.resolve(model, envParams);
        ModelEvaluation result;
        try (TableReader reader = Tables.open(data, io().stdin(), ReadOptions.defaults())) {
            result = ModelEvaluator.evaluate(m, reader, new EvaluateOptions(tolerance, seed, obsPrefix, actPrefix, nextObsPrefix), log());
        }
        String report = json ? EvaluationReport.json(result) : EvaluationReport.text(result);
        io().stdout().write(report.getBytes(StandardCharsets.UTF_8));
        io().stdout().flush();
        return 0;
    }
}
