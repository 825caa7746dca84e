package dev.valuekit.cli;

import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import dev.valuekit.evaluate.CltvEvaluation;
import dev.valuekit.evaluate.CltvPlot;
import dev.valuekit.evaluate.CltvReport;
import dev.valuekit.evaluate.CltvReportFormat;
import dev.valuekit.table.TableReader;
import dev.valuekit.table.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** {@code valuekit evaluate cltv}: customer-value predictions against true values. */
@Command(name = "cltv",
        header = "Score CLTV predictions against the truth (Gini, Spearman, ...)",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Score customer-value predictions against the truth, joined on the customer id: normalised Gini "
                + "(cumulative-gain Gini of the predicted ranking over that of the true ranking; customers with "
                + "equal predictions share their block's value evenly), Spearman with average ranks, MAE, RMSE, "
                + "AUC of purchase (label > 0) versus none (ties count one half; scored by p_purchase when the "
                + "predictions have it, else by the prediction), the same scores on purchasers only, and a decile "
                + "table by prediction (decile 1 = highest).",
            "Customers present on only one side are left out with a warning."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  valuekit evaluate cltv --predictions predictions.arrow --truth customers.arrow",
            "  valuekit evaluate cltv --predictions predictions.arrow --truth customers.arrow --json --plot gain.png",
            "  valuekit evaluate cltv --predictions p.csv --truth t.csv --label revenue_next_year --prediction-column score"
        })
public final class EvaluateCltvCommand extends BaseCommand {
    @Option(names = "--predictions", required = true, paramLabel = "TABLE",
            description = "Predictions table (customer id, predicted value, optional purchase probability); '-' = stdin.")
    String predictions;

    @Option(names = "--truth", required = true, paramLabel = "TABLE",
            description = "Table with the true value per customer, e.g. the output of 'predict-cltv features'.")
    String truth;

    @Option(names = "--id-column", defaultValue = "customer_id", paramLabel = "NAME",
            description = "Customer id column in both tables. Default: ${DEFAULT-VALUE}.")
    String idColumn;

    @Option(names = "--label", defaultValue = "ltv", paramLabel = "NAME",
            description = "True value column of --truth. Default: ${DEFAULT-VALUE}.")
    String label;

    @Option(names = "--prediction-column", defaultValue = "predicted_ltv", paramLabel = "NAME",
            description = "Predicted value column. Default: ${DEFAULT-VALUE}.")
    String predictionColumn;

    @Option(names = "--probability-column", defaultValue = "p_purchase", paramLabel = "NAME",
            description = "Purchase probability column for the AUC, used when present. Default: ${DEFAULT-VALUE}.")
    String probabilityColumn;

    @Option(names = "--json", description = "Write the report as JSON instead of a text table. Default: text.")
    boolean json;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Also draw the gain (Lorenz) curve and the decile chart into this PNG. Default: no plot.")
    @OutputFile
    String plot;

    @Option(names = {"-o", "--output"}, defaultValue = "-", paramLabel = "FILE",
            description = "Where to write the report. Default: stdout.")
    @OutputFile
    String output;

    @Override
    protected int run() throws Exception {
        if (plot != null && !plot.toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw new BadInputException("--plot '" + plot + "' is not a .png file", "name the plot FILE.png");
        }
        CltvEvaluation.Result r;
        try (TableReader t = Tables.open(truth, io().stdin(), readOptions());
             TableReader p = Tables.open(predictions, io().stdin(), readOptions())) {
            r = CltvEvaluation.evaluate(t, p, new CltvEvaluation.Options(idColumn, label, predictionColumn, probabilityColumn), log());
        }
        CltvReport report = r.report();
        String text = json ? CltvReportFormat.json(report).toPrettyString() + "\n" : CltvReportFormat.text(report);
        try (AtomicOutput out = openOutput(output)) {
            out.stream().write(text.getBytes(StandardCharsets.UTF_8));
            if (plot != null) {
                try (AtomicOutput png = openOutput(plot)) {
                    OutputStream s = new java.io.BufferedOutputStream(png.stream());
                    CltvPlot.writePng(r.joined().label(), r.joined().prediction(), report, s);
                    s.flush();
                    png.commit();
                }
            }
            out.commit();
        }
        return 0;
    }
}
