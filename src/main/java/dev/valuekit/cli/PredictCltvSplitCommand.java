package dev.valuekit.cli;

import dev.valuekit.cltv.CustomerSplit;
import dev.valuekit.table.Batch;
import dev.valuekit.table.TableWriter;
import dev.valuekit.table.Tables;
import dev.valuekit.table.WriteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code valuekit predict-cltv split}: a seeded customer split into a fitting and a held-out table. */
@Command(name = "split",
        header = "Split customers into fitting and held-out tables by seed",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Split a customer table (from 'predict-cltv features') into customers to fit on and held-out customers "
                + "to evaluate on, so a model is judged on customers it never saw.",
            "Each customer gets a key from a hash of (--seed, customer id); the round(--fraction x customers) with the "
                + "smallest keys go to --test-output, the rest to --train-output. The split depends "
                + "only on the seed and the ids, not on the row order; both tables keep all columns and the input order. "
                + "The label must be present and >= 0."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  valuekit predict-cltv split -i customers.arrow --fraction 0.2 --seed 1 \\",
            "      --train-output train.arrow --test-output test.arrow",
            "  valuekit predict-cltv fit --method bgnbd -i train.arrow -o bgnbd.safetensors",
            "  valuekit predict-cltv score --model bgnbd.safetensors -i test.arrow --horizon 39 -o pred.arrow",
            "  valuekit evaluate cltv --predictions pred.arrow --truth test.arrow"
        })
public final class PredictCltvSplitCommand extends BaseCommand {
    @Option(names = {"-i", "--input"}, required = true, paramLabel = "TABLE", description = "Customer table ('-' = stdin).")
    String input;

    @Option(names = "--fraction", defaultValue = "0.2", paramLabel = "F",
            description = "Share of customers held out, strictly between 0 and 1. Default: ${DEFAULT-VALUE}.")
    double fraction;

    @Mixin
    SeedOption seed = new SeedOption();

    @Option(names = "--train-output", required = true, paramLabel = "TABLE",
            description = "Table of the customers to fit on (.arrow, .arrows, .csv). Written atomically.")
    @OutputFile
    String trainOutput;

    @Option(names = "--test-output", required = true, paramLabel = "TABLE",
            description = "Table of the held-out customers. Written atomically.")
    @OutputFile
    String testOutput;

    @Option(names = "--id-column", defaultValue = "customer_id", paramLabel = "NAME", description = "Customer id column. Default: ${DEFAULT-VALUE}.")
    String idColumn;

    @Option(names = "--label", defaultValue = "ltv", paramLabel = "NAME", description = "Label column (future spend, >= 0). Default: ${DEFAULT-VALUE}.")
    String label;

    @Override
    protected int run() throws Exception {
        CustomerSplit.Options o = new CustomerSplit.Options(fraction, seed.seed(), idColumn, label);
        WriteOptions wo = new WriteOptions(null);
        Tables.outputFormat(trainOutput, wo);
        Tables.outputFormat(testOutput, wo);
        Batch t = Tables.readAll(input, io().stdin(), readOptions());
        CustomerSplit.Result r = CustomerSplit.split(t, "-".equals(input) ? "stdin" : input, o);
        // Both files are opened before either is finished, so a bad second path leaves no first file behind.
        try (TableWriter train = Tables.create(openOutput(trainOutput), t.schema(), wo);
             TableWriter test = Tables.create(openOutput(testOutput), t.schema(), wo)) {
            train.write(r.train());
            test.write(r.test());
            train.finish();
            test.finish();
        }
        log().info("split " + t.rows() + " customers: " + r.train().rows() + " to " + trainOutput + ", " + r.test().rows() + " held out to " + testOutput);
        return 0;
    }
}
