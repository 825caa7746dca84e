package dev.valuekit.cli;

import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.artifact.DType;
import dev.valuekit.cltv.CltvArtifacts;
import dev.valuekit.cltv.CltvScorer;
import dev.valuekit.cltv.CltvScoring;
import dev.valuekit.cltv.NeuralModelType;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.TableReader;
import dev.valuekit.table.Tables;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code valuekit predict-cltv score}: a cltv model applied to a customer table, batch by batch. */
@Command(name = "score",
        header = "Score customers with a CLTV model",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Score customers with a cltv model. Output columns: customer_id, p_purchase, predicted_ltv and, for "
                + "bgnbd, mbgnbd and paretonbd models, p_alive and expected_purchases.",
            "bgnbd, mbgnbd, paretonbd: p_purchase = P(alive) x P(at least one purchase within the horizon | alive); expected_purchases "
                + "= E[purchases in (T, T + horizon]]; predicted_ltv = expected purchases per month x Gamma-Gamma "
                + "expected spend per purchase, each month discounted by (1 + rate)^months as lifetimes does. "
                + "Reads and writes in batches, so memory stays bounded for any number of customers.",
            "ziln/optdist: columns customer_id, p_purchase, predicted_ltv, component (the sub-network the selector "
                + "picks; 0 for ziln) and the zero-inflated lognormal quantiles ltv_p10, ltv_p50, ltv_p90. The "
                + "prediction is for the label window the model was trained on (--horizon and --discount-rate do not "
                + "apply). A category not seen in training maps to the out-of-vocabulary embedding, with one warning."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  # the next 39 weeks (the CDNOW holdout), no discounting",
            "  valuekit predict-cltv score --model bgnbd.safetensors --input customers.arrow --horizon 39 -o predictions.arrow",
            "  # one year, 1%% a month discount, CSV out",
            "  valuekit predict-cltv score --model bgnbd.safetensors --input customers.arrow --discount-rate 0.01 -o predictions.csv",
            "  # a neural model, 100k customers per batch",
            "  valuekit predict-cltv score --model optdist.safetensors --input customers.arrow --batch-size 100000 -o predictions.arrow"
        })
public final class PredictCltvScoreCommand extends BaseCommand {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
            description = "cltv model file from 'predict-cltv fit'.")
    String model;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "TABLE",
            description = "Customer table with the columns the model was fitted on ('-' = stdin).")
    String input;

    @Mixin
    TableOutputOptions target = new TableOutputOptions();

    @Option(names = "--horizon", paramLabel = "N",
            description = "Prediction horizon in the model's unit. Default: about a year (52 weeks, 365 days, 12 months).")
    Double horizon;

    @Option(names = "--discount-rate", defaultValue = "0", paramLabel = "RATE",
            description = "Monthly discount rate for predicted_ltv, in [0, 1). Default: ${DEFAULT-VALUE}.")
    double discountRate;

    @Option(names = "--batch-size", defaultValue = "" + CltvScoring.Options.DEFAULT_BATCH_SIZE, paramLabel = "N",
            description = "Customers per batch; bounds memory. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Override
    protected int run() throws Exception {
        CltvScoring.Options options = new CltvScoring.Options(horizon, discountRate, batchSize);
        Artifact a = Artifacts.read(Path.of(model), CltvArtifacts.KIND);
        Nd4jRuntime.configure(Precision.F32, global().threads());   // threads; a loaded model keeps its own precision
        CltvScorer scorer = CltvScoring.scorer(a, model, options, log());
        target.check();
        long rows;
        try (TableReader reader = Tables.open(input, io().stdin(), new ReadOptions(batchSize, false, log()))) {
            rows = CltvScoring.run(scorer, reader, schema -> Tables.create(openOutput(target.path()), schema, target.writeOptions()), log());
        }
        log().info("scored " + scorer.describe(rows) + " to " + target.path());
        return 0;
    }
}
