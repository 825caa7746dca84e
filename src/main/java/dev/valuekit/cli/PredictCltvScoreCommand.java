package dev.valuekit.cli;

import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.cltv.CltvArtifacts;
import dev.valuekit.cltv.CustomerColumns;
import dev.valuekit.cltv.NeuralArtifacts;
import dev.valuekit.cltv.NeuralModelType;
import dev.valuekit.cltv.NeuralScorer;
import dev.valuekit.cltv.ProbabilisticModel;
import dev.valuekit.cltv.ProbabilisticScorer;
import dev.valuekit.cltv.ScoreOptions;
import dev.valuekit.common.BadInputException;
import dev.valuekit.table.Batch;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.TableReader;
import dev.valuekit.table.TableWriter;
import dev.valuekit.table.Tables;
import dev.valuekit.artifact.DType;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code valuekit predict-cltv score}: a cltv model applied to a customer table, batch by batch. */
@Command(name = "score",
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

    @Option(names = "--batch-size", defaultValue = "65536", paramLabel = "N",
            description = "Customers per batch; bounds memory. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Override
    protected int run() throws Exception {
        if (batchSize < 1) throw new BadInputException("--batch-size must be at least 1, got " + batchSize, "e.g. --batch-size 65536");
        Artifact a = Artifacts.read(Path.of(model), CltvArtifacts.KIND);
        if (NeuralModelType.of(CltvArtifacts.type(a, model)) != null) return scoreNeural(a);
        ProbabilisticModel m = CltvArtifacts.fromArtifact(a, model);
        CustomerColumns names = CltvArtifacts.columns(a, model);
        ScoreOptions options = new ScoreOptions(horizon != null ? horizon : m.unit().defaultHorizon(), discountRate);
        ProbabilisticScorer scorer = new ProbabilisticScorer(m, options);
        target.check();
        long rows = streamScores(names::resolve, (b, cols, source, firstRow) -> scorer.score(b, cols, source, firstRow, names));
        log().info("scored " + rows + " customers over " + options.horizon() + " " + m.unit().label() + "s to " + target.path());
        return 0;
    }

    private int scoreNeural(Artifact a) throws Exception {
        if (horizon != null || discountRate != 0) {
            log().warn("--horizon and --discount-rate are ignored: a " + CltvArtifacts.type(a, model)
                    + " model predicts the spend of the label window it was trained on");
        }
        Nd4jRuntime.configure(a.tensors().values().iterator().next().dtype() == DType.F64 ? Precision.F64 : Precision.F32,
                global().threads(), 0);
        NeuralArtifacts.Loaded loaded = NeuralArtifacts.fromArtifact(a, model);
        NeuralScorer scorer = new NeuralScorer(loaded.network(), loaded.idColumn(), loaded.bounds());
        target.check();
        long rows = streamScores(scorer::resolve, scorer::score);
        if (scorer.oovRows() > 0) {
            log().warn(scorer.oovRows() + " customers had a category not seen in training (first: " + scorer.firstOov()
                    + "); they were scored with the out-of-vocabulary embedding");
        }
        log().info("scored " + rows + " customers to " + target.path());
        return 0;
    }

    /** Scores one batch: {@code firstRow} is the 1-based row of its first customer, for messages. */
    private interface BatchScorer {
        Batch score(Batch batch, int[] columns, String source, long firstRow);
    }

    /** Reads customers batch by batch and streams their scores to the output (bounded memory). */
    private long streamScores(java.util.function.BiFunction<dev.valuekit.table.Schema, String, int[]> resolve,
                              BatchScorer scorer) throws java.io.IOException {
        long rows = 0;
        try (TableReader reader = Tables.open(input, io().stdin(), new ReadOptions(batchSize, false))) {
            int[] cols = resolve.apply(reader.schema(), reader.source());
            TableWriter writer = null;
            try {
                for (Batch b = reader.next(); b != null; b = reader.next()) {
                    Batch out = scorer.score(b, cols, reader.source(), reader.rowsRead() - b.rows() + 1);
                    if (writer == null) writer = Tables.create(openOutput(target.path()), out.schema(), target.writeOptions());
                    writer.write(out);
                    rows += out.rows();
                }
                if (writer == null) throw BadInputException.inFile("no customers to score", reader.source(), "the customer table is empty");
                writer.finish();
            } finally {
                if (writer != null) writer.close();
            }
        }
        return rows;
    }
}
