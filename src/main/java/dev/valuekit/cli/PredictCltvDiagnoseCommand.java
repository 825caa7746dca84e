package dev.valuekit.cli;

import dev.valuekit.artifact.Artifacts;
import dev.valuekit.cltv.CltvArtifacts;
import dev.valuekit.cltv.CustomerFeatures;
import dev.valuekit.cltv.FeatureOptions;
import dev.valuekit.cltv.ProbabilisticModel;
import dev.valuekit.cltv.PurchaseDates;
import dev.valuekit.cltv.PurchaseDiagnostics;
import dev.valuekit.cltv.PurchaseModel;
import dev.valuekit.cltv.RfmFeatures;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import dev.valuekit.evaluate.PurchaseDiagnosticsPlot;
import dev.valuekit.table.Batch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code valuekit predict-cltv diagnose}: the standard charts of a purchase model against its label window. */
@Command(name = "diagnose",
        header = "Check a purchase model: expected vs actual by frequency",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Check a probabilistic model (bgnbd, mbgnbd, paretonbd) the way lifetimes users do: the log is summarised "
                + "as 'predict-cltv features' does with the model's unit, and for every calibration frequency 0, 1, ..., "
                + "--max-frequency (the last group takes all higher ones) the mean actual purchase days in the label window "
                + "(calibration end, holdout end] is set against the model's mean expected purchases over that window. The "
                + "table goes to stdout.",
            "--plot draws, side by side in one PNG: that calibration-vs-holdout chart, and the frequency/recency heatmaps "
                + "of expected purchases in --horizon units and of P(alive) for a customer of age T = the largest T in the "
                + "cohort. The gain curve of any model's predicted_ltv is 'valuekit evaluate cltv --plot'."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  valuekit predict-cltv diagnose -m pareto.safetensors --transactions ../shared/datasets/cdnow-sample-transactions.txt \\",
            "      --calibration-end 1997-09-30 --holdout-end 1998-06-30 --plot pareto.png"
        })
public final class PredictCltvDiagnoseCommand extends BaseCommand {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL", description = "Probabilistic cltv model file from 'predict-cltv fit'.")
    String model;

    @Mixin
    TransactionLogOptions logInput = new TransactionLogOptions();

    @Option(names = "--calibration-end", required = true, paramLabel = "DATE",
            description = "Last day of the calibration period the model was fitted on (inclusive).")
    String calibrationEnd;

    @Option(names = "--holdout-end", required = true, paramLabel = "DATE", description = "Last day of the label window (inclusive).")
    String holdoutEnd;

    @Option(names = "--max-frequency", defaultValue = "7", paramLabel = "N",
            description = "Last calibration-frequency group of the chart (it takes every higher frequency too). Default: ${DEFAULT-VALUE}.")
    int maxFrequency;

    @Option(names = "--horizon", defaultValue = "1", paramLabel = "N",
            description = "Horizon of the expected-purchases heatmap, in the model's unit. Default: ${DEFAULT-VALUE}.")
    double horizon;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Also draw the charts into this PNG. Default: table only.")
    @OutputFile
    String plot;

    @Option(names = {"-o", "--output"}, defaultValue = "-", paramLabel = "FILE", description = "Where to write the table. Default: stdout.")
    @OutputFile
    String output;

    @Override
    protected int run() throws Exception {
        if (maxFrequency < 1) throw new BadInputException("--max-frequency must be >= 1, got " + maxFrequency, "e.g. --max-frequency 7");
        if (!(horizon > 0) || !Double.isFinite(horizon)) throw new BadInputException("--horizon must be positive, got " + horizon, "e.g. --horizon 1");
        if (plot != null && !plot.toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new BadInputException("--plot '" + plot + "' is not a .png file", "name the plot FILE.png");
        }
        ProbabilisticModel m = CltvArtifacts.fromArtifact(Artifacts.read(Path.of(model), CltvArtifacts.KIND), model);
        FeatureOptions fo = new FeatureOptions(PurchaseDates.option(calibrationEnd, "--calibration-end"),
                PurchaseDates.option(holdoutEnd, "--holdout-end"), m.unit(), FeatureOptions.defaultWindows(m.unit()));
        RfmFeatures.Result r = CustomerFeatures.summarize(logInput.options(fo, List.of()), io().stdin(), log());
        Batch t = r.table();
        double[] x = column(t, "frequency"), tx = column(t, "recency"), age = column(t, "T");
        double window = m.unit().of(fo.holdoutEnd().toEpochDay() - fo.calibrationEnd().toEpochDay());
        PurchaseModel pm = m.purchases();
        List<PurchaseDiagnostics.FrequencyGroup> groups = PurchaseDiagnostics.calibrationVsHoldout(pm, x, tx, age, r.holdoutPurchases(), window, maxFrequency);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "# %s, label window %.4g %ss%n%-10s %10s %14s %14s%n",
                pm.type().title(), window, m.unit().label(), "frequency", "customers", "mean_actual", "mean_predicted"));
        for (PurchaseDiagnostics.FrequencyGroup g : groups) {
            sb.append(String.format(Locale.ROOT, "%-10s %10d %14.4f %14.4f%n", g.frequency() + (g.andMore() ? "+" : ""), g.customers(),
                    g.meanActual(), g.meanPredicted()));
        }
        try (AtomicOutput out = openOutput(output)) {
            out.stream().write(sb.toString().getBytes(StandardCharsets.UTF_8));
            if (plot != null) writePlot(pm, groups, window, age, m.unit().label());
            out.commit();
        }
        return 0;
    }

    private void writePlot(PurchaseModel pm, List<PurchaseDiagnostics.FrequencyGroup> groups, double window, double[] age, String unit) throws Exception {
        double maxT = 0;
        for (double v : age) maxT = Math.max(maxT, v);
        int steps = (int) Math.max(1, Math.min(60, Math.ceil(maxT)));
        double[] recency = new double[steps + 1];
        for (int i = 0; i <= steps; i++) recency[i] = maxT * i / steps;
        double[][] expected = PurchaseDiagnostics.grid(maxFrequency, maxT, steps, (a, b, c) -> pm.expectedPurchases(horizon, a, b, c));
        double[][] alive = PurchaseDiagnostics.grid(maxFrequency, maxT, steps, pm::probabilityAlive);
        try (AtomicOutput png = openOutput(plot)) {
            OutputStream s = new BufferedOutputStream(png.stream());
            PurchaseDiagnosticsPlot.writePng(pm.type().title(), groups, String.format(Locale.ROOT, "%.4g %ss", window, unit), expected, alive,
                    recency, String.format(Locale.ROOT, "%.4g %s(s)", horizon, unit), s);
            s.flush();
            png.commit();
        }
    }

    private static double[] column(Batch b, String name) {
        int c = b.schema().indexOf(name);
        double[] v = new double[b.rows()];
        for (int i = 0; i < v.length; i++) v[i] = b.getDouble(c, i);
        return v;
    }
}
