package dev.valuekit.cli;

import dev.valuekit.cltv.CustomerFeatures;
import dev.valuekit.cltv.FeatureOptions;
import dev.valuekit.cltv.PeriodUnit;
import dev.valuekit.cltv.PurchaseDates;
import dev.valuekit.table.Batch;
import dev.valuekit.table.TableWriter;
import dev.valuekit.table.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.List;

/** {@code valuekit predict-cltv features}: transaction log → one row of RFM features and label per customer. */
@Command(name = "features",
        header = "Per-customer features and label from a transaction log",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Turn a transaction log into one row per customer: calibration-period features and the label "
                + "ltv = spend in (calibration end, holdout end].",
            "Columns: customer_id, frequency (repeat purchase days), recency (first to last purchase), T (first "
                + "purchase to calibration end), monetary_value (mean repeat purchase, 0 without repeats), "
                + "monetary_mean (mean of all purchases), first_amount, total_spend, purchases_last_W and "
                + "spend_last_W per window, ltv. Purchases on the same day count as one (amounts summed), as in "
                + "lifetimes. Customers whose first purchase is after the calibration end are left out.",
            "Log layouts (--transactions-format): 'table' is any valuekit table (CSV with header, Arrow) with customer, "
                + "date and amount columns; 'cdnow' is the whitespace-separated CDNOW log with header "
                + "'customer_id date number_of_cds dollar_value'; 'cdnow-sample' the headerless CDNOW sample "
                + "'master_id sample_id date cds dollars'. 'auto' decides from the first line. Dates: YYYY-MM-DD "
                + "(a time part is ignored) or YYYYMMDD."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  # CDNOW sample, calibration to 1997-09-30, label to 1998-06-30, in weeks",
            "  valuekit predict-cltv features --transactions ../shared/datasets/cdnow-sample-transactions.txt \\",
            "      --calibration-end 1997-09-30 --holdout-end 1998-06-30 --unit week -o customers.arrow",
            "  # a CSV log with its own column names, in days, windows of 30 and 90 days",
            "  valuekit predict-cltv features --transactions orders.csv --customer-column user --date-column ts \\",
            "      --amount-column revenue --calibration-end 2024-06-30 --holdout-end 2024-12-31 --unit day \\",
            "      --windows 30,90 -o customers.csv",
            "  # a synthetic log, keeping the customers' channel and region for the neural models",
            "  valuekit predict-cltv synth --customers 20000 --seed 7 -o log.csv",
            "  valuekit predict-cltv features --transactions log.csv --attributes channel,region \\",
            "      --calibration-end 2024-09-29 --holdout-end 2025-06-29 -o customers.arrow"
        })
public final class PredictCltvFeaturesCommand extends BaseCommand {
    @Mixin
    TransactionLogOptions logInput = new TransactionLogOptions();

    @Option(names = "--calibration-end", required = true, paramLabel = "DATE",
            description = "Last day of the calibration period (inclusive): features use purchases up to it.")
    String calibrationEnd;

    @Option(names = "--holdout-end", required = true, paramLabel = "DATE",
            description = "Last day of the label window (inclusive); must be after --calibration-end.")
    String holdoutEnd;

    @Option(names = "--unit", defaultValue = "week", paramLabel = "UNIT",
            description = "Unit of recency, T and windows: ${COMPLETION-CANDIDATES} (a month is 365.25/12 days). Default: ${DEFAULT-VALUE}.")
    PeriodUnit unit;

    @Option(names = "--windows", split = ",", paramLabel = "W",
            description = "Recent-activity windows in --unit ending at the calibration end. Default: 30,90,180 days; "
                    + "4,13,26 weeks; 1,3,6 months.")
    double[] windows;

    @Option(names = "--attributes", split = ",", paramLabel = "NAME",
            description = "Log columns describing the customer (channel, region, ...) to copy into the customer table as "
                    + "text columns, from each customer's first row; neural models embed them. Table logs only, not stdin. Default: none.")
    List<String> attributes = List.of();

    @Mixin
    TableOutputOptions target = new TableOutputOptions();



    @Override
    protected int run() throws Exception {
        FeatureOptions features = new FeatureOptions(PurchaseDates.option(calibrationEnd, "--calibration-end"),
                PurchaseDates.option(holdoutEnd, "--holdout-end"), unit, windows);
        CustomerFeatures.Options options = logInput.options(features, attributes);
        target.check();
        Batch table = CustomerFeatures.compute(options, io().stdin(), log());
        try (TableWriter w = Tables.create(openOutput(target.path()), table.schema(), target.writeOptions())) {
            w.write(table);
            w.finish();
        }
        log().info("wrote " + table.rows() + " customers (unit " + unit.label() + ", windows " + Arrays.toString(features.windows())
                + ") to " + target.path());
        return 0;
    }
}
