package dev.valuekit.cli;

import dev.valuekit.cltv.PurchaseDates;
import dev.valuekit.cltv.TransactionSynth;
import dev.valuekit.table.Batch;
import dev.valuekit.table.ColumnType;
import dev.valuekit.table.Field;
import dev.valuekit.table.Schema;
import dev.valuekit.table.TableWriter;
import dev.valuekit.table.Tables;
import dev.valuekit.table.WriteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** {@code valuekit predict-cltv synth}: a seeded synthetic transaction log for demos and tests. */
@Command(name = "synth",
        header = "Write a synthetic transaction log (BG/NBD + Gamma-Gamma)",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Write a synthetic transaction log (customer_id, date, amount, channel, region) drawn from the BG/NBD "
                + "and Gamma-Gamma story, so the CLTV workflow runs without real data. The same --seed gives the same log.",
            "Story: each customer joins on a uniform day of the first --acquisition-weeks and buys on that day; "
                + "channel is web (50%%), store (30%%) or app (20%%), region north/south/east/west uniformly. Purchase rate "
                + "lambda ~ Gamma(0.25, rate 4) per week, x0.8 web, x1.0 store, x1.6 app; after every purchase the "
                + "customer leaves for good with probability p ~ Beta(0.8, 2.4); while active, purchases arrive as a "
                + "Poisson process. Spend per purchase ~ Gamma(6, rate nu) with nu ~ Gamma(3.7, rate 15) per customer "
                + "(mean about 33), x1.0 north, x0.7 south, x1.3 east, x2.0 west, x1.2 for store buyers.",
            "Carry channel and region into the customer table with 'predict-cltv features --attributes channel,region'."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  valuekit predict-cltv synth --customers 20000 --seed 7 -o log.csv",
            "  # heavy-tailed spend with 0.2%% whales",
            "  valuekit predict-cltv synth --customers 20000 --seed 7 --spend heavy -o heavy.csv",
            "  # calibration = first 39 weeks from --first-day, label = the next 39",
            "  valuekit predict-cltv features --transactions log.csv --attributes channel,region \\",
            "      --calibration-end 2024-09-29 --holdout-end 2025-06-29 -o customers.arrow"
        })
public final class PredictCltvSynthCommand extends BaseCommand {
    private static final int BATCH = 65536;

    @Option(names = "--customers", defaultValue = "10000", paramLabel = "N", description = "Number of customers. Default: ${DEFAULT-VALUE}.")
    int customers;

    @Mixin
    SeedOption seed = new SeedOption();

    @Option(names = "--first-day", defaultValue = "2024-01-01", paramLabel = "DATE", description = "First day of the log. Default: ${DEFAULT-VALUE}.")
    String start;

    @Option(names = "--weeks", defaultValue = "78", paramLabel = "N", description = "Length of the log in weeks. Default: ${DEFAULT-VALUE}.")
    int weeks;

    @Option(names = "--acquisition-weeks", paramLabel = "N",
            description = "Customers join during the first N weeks. Default: " + TransactionSynth.DEFAULT_ACQUISITION_WEEKS
                    + ", or --weeks when that is shorter.")
    Integer acquisitionWeeks;

    @Option(names = "--spend", defaultValue = "gamma", paramLabel = "gamma|heavy",
            description = "gamma: the Gamma-Gamma story above. heavy: each customer's spend also times a Pareto draw with "
                    + "tail index 1.5 (finite mean, infinite variance; divided by its mean 3), and --whales of the customers "
                    + "spend x100 and buy x4 as often. Default: ${DEFAULT-VALUE}.")
    String spend;

    @Option(names = "--whales", paramLabel = "SHARE",
            description = "With --spend heavy: share of whale customers, in [0, 1]. Default: 0.002 with --spend heavy.")
    Double whales;

    @Mixin
    TableOutputOptions target = new TableOutputOptions();


    @Override
    protected int run() throws Exception {
        WriteOptions wo = target.writeOptions();
        TransactionSynth.Spend spendKind = TransactionSynth.Spend.parse(spend);
        TransactionSynth.Options o = new TransactionSynth.Options(customers, seed.seed(), PurchaseDates.option(start, "--first-day"), weeks,
                acquisitionWeeks != null ? acquisitionWeeks : TransactionSynth.defaultAcquisitionWeeks(weeks), spendKind, whales != null ? whales : spendKind == TransactionSynth.Spend.HEAVY ? 0.002 : 0);
        target.check();
        Schema schema = Schema.of(new Field("customer_id", ColumnType.STRING), new Field("date", ColumnType.STRING),
                new Field("amount", ColumnType.FLOAT64), new Field("channel", ColumnType.STRING), new Field("region", ColumnType.STRING));
        long rows;
        try (TableWriter w = Tables.create(openOutput(target.path()), schema, wo)) {
            List<TransactionSynth.Purchase> buf = new ArrayList<>(BATCH);
            rows = TransactionSynth.generate(o, p -> {
                buf.add(p);
                if (buf.size() == BATCH) flush(w, buf);
            });
            flush(w, buf);
            w.finish();
        }
        log().info("wrote " + rows + " purchases of " + customers + " customers to " + target.path());
        return 0;
    }

    private static void flush(TableWriter w, List<TransactionSynth.Purchase> buf) throws java.io.IOException {
        if (buf.isEmpty()) return;
        int n = buf.size();
        String[] id = new String[n], date = new String[n], ch = new String[n], rg = new String[n];
        double[] amount = new double[n];
        for (int i = 0; i < n; i++) {
            TransactionSynth.Purchase p = buf.get(i);
            id[i] = p.customer();
            date[i] = p.date().toString();
            amount[i] = p.amount();
            ch[i] = p.channel();
            rg[i] = p.region();
        }
        w.write(new Batch.Builder(n).addString("customer_id", id).addString("date", date).addDouble("amount", amount)
                .addString("channel", ch).addString("region", rg).build());
        buf.clear();
    }
}
