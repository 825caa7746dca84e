package dev.valuekit.cli;

import dev.valuekit.artifact.Artifacts;
import dev.valuekit.artifact.Provenance;
import dev.valuekit.cltv.CltvArtifacts;
import dev.valuekit.cltv.CustomerColumns;
import dev.valuekit.cltv.PeriodUnit;
import dev.valuekit.cltv.ProbabilisticModel;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import dev.valuekit.table.Batch;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code valuekit predict-cltv fit}: fit a CLTV model on a customer table and save it as a cltv artifact. */
@Command(name = "fit",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Fit a customer-value model on a customer table (from 'predict-cltv features') and save it as a "
                + "cltv model file (.safetensors).",
            "--model bgnbd: BG/NBD purchase model (Fader, Hardie & Lee 2005) by maximum likelihood on frequency, "
                + "recency and T, plus the Gamma-Gamma spend model on the repeat buyers' monetary_value. The "
                + "parameters are stored as tensors bgnbd.params = [r, alpha, a, b] and gamma_gamma.params = "
                + "[p, q, v]; 'valuekit inspect' prints them."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  valuekit predict-cltv fit --model bgnbd --input customers.arrow -o bgnbd.safetensors",
            "  valuekit inspect bgnbd.safetensors",
            "  # features made in days",
            "  valuekit predict-cltv fit --model bgnbd --input customers.csv --unit day -o bgnbd.safetensors"
        })
public final class PredictCltvFitCommand extends BaseCommand {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "TYPE",
            description = "Model type: bgnbd (BG/NBD + Gamma-Gamma).")
    String model;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "TABLE",
            description = "Customer table with customer_id, frequency, recency, T and monetary_value ('-' = stdin).")
    String input;

    @Option(names = "--unit", paramLabel = "day|week|month",
            description = "Unit the table's recency and T are in. Default: read from the window column names "
                    + "(purchases_last_13w → week) that 'predict-cltv features' writes; week when there are none.")
    String unit;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL",
            description = "Model file to write (.safetensors). Written atomically.")
    String output;

    @Override
    protected int run() throws Exception {
        if (!"bgnbd".equals(model)) throw new BadInputException("unknown --model '" + model + "'", "use --model bgnbd");
        Batch t = Tables.readAll(input, io().stdin(), ReadOptions.defaults());
        String source = "-".equals(input) ? "stdin" : input;
        PeriodUnit u = resolveUnit(t, source);
        CustomerColumns cols = CustomerColumns.defaults();
        int[] c = cols.resolve(t.schema(), source);
        double[] x = column(t, c[1]), tx = column(t, c[2]), age = column(t, c[3]), m = column(t, c[4]);
        log().info("fitting BG/NBD + Gamma-Gamma on " + t.rows() + " customers (unit " + u.label() + ")");
        ProbabilisticModel fitted = ProbabilisticModel.fit(x, tx, age, m, u);
        if (!fitted.converged()) {
            log().warn("the optimiser stopped before the gradient vanished; the likelihood is flat in some direction "
                    + "(e.g. too few repeat buyers to pin down dropout), treat the parameters with care");
        }
        if (fitted.zeroSpendRepeatBuyers() > 0) {
            log().warn(fitted.zeroSpendRepeatBuyers() + " repeat buyers whose repeat purchases were all worth 0 are left out of the Gamma-Gamma fit");
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("r", fitted.purchases().r());
        summary.put("alpha", fitted.purchases().alpha());
        summary.put("a", fitted.purchases().a());
        summary.put("b", fitted.purchases().b());
        summary.put("bgnbd_log_likelihood", fitted.purchaseLogLikelihood());
        summary.put("p", fitted.spend().p());
        summary.put("q", fitted.spend().q());
        summary.put("v", fitted.spend().v());
        summary.put("repeat_buyers", fitted.repeatBuyers());
        log().metrics("fit", summary);
        Provenance prov = Provenance.start(commandLineText()).input(input);
        summary.forEach(prov::summary);
        try (AtomicOutput out = openOutput(output)) {
            Artifacts.write(out, CltvArtifacts.toArtifact(fitted, cols, prov.toJson()));
            out.commit();
        }
        return 0;
    }

    private PeriodUnit resolveUnit(Batch t, String source) {
        PeriodUnit fromColumns = PeriodUnit.fromWindowColumns(t.schema());
        if (unit == null) return fromColumns != null ? fromColumns : PeriodUnit.WEEK;
        PeriodUnit given = PeriodUnit.parse(unit);
        if (fromColumns != null && fromColumns != given) {
            throw BadInputException.inFile("--unit " + given.label() + " but the table's window columns are in " + fromColumns.label() + "s",
                    source, "drop --unit or make the features again with --unit " + given.label());
        }
        return given;
    }

    private String commandLineText() {
        return "valuekit " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs());
    }

    private static double[] column(Batch b, int c) {
        double[] v = new double[b.rows()];
        for (int i = 0; i < v.length; i++) v[i] = b.getDouble(c, i);
        return v;
    }
}
