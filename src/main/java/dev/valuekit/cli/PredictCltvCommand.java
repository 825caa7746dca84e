package dev.valuekit.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code valuekit predict-cltv}: the customer-lifetime-value workflow, one subcommand per step. */
@Command(name = "predict-cltv",
        header = "Customer lifetime value: synth, features, fit, score, ...",
        mixinStandardHelpOptions = true,
        description = {
            "Customer lifetime value from a transaction log: build per-customer features and labels, fit a "
                + "model, score customers. Evaluate the scores with 'valuekit evaluate cltv'.",
            "Every time quantity (recency, T, windows, horizons) is in one explicit unit (--unit); the fitted "
                + "model remembers it."
        },
        subcommands = {PredictCltvSynthCommand.class, PredictCltvFeaturesCommand.class, PredictCltvSplitCommand.class, PredictCltvFitCommand.class, PredictCltvDiagnoseCommand.class,
            PredictCltvScoreCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  valuekit predict-cltv features --transactions ../shared/datasets/cdnow-sample-transactions.txt \\",
            "      --calibration-end 1997-09-30 --holdout-end 1998-06-30 --unit week -o customers.arrow",
            "  # hold out 20%% of the customers to judge the model on",
            "  valuekit predict-cltv split -i customers.arrow --fraction 0.2 --seed 1 --train-output train.arrow --test-output test.arrow",
            "  valuekit predict-cltv fit --method bgnbd --input customers.arrow -o bgnbd.safetensors",
            "  valuekit predict-cltv score --model bgnbd.safetensors --input customers.arrow --horizon 39 -o predictions.arrow",
            "  valuekit evaluate cltv --predictions predictions.arrow --truth customers.arrow --plot gain.png",
            "  # neural models: OptDist (4 ZILN sub-networks and a selector) and plain ZILN; label = ltv",
            "  valuekit predict-cltv fit --method optdist --input customers.arrow --seed 1 -o optdist.safetensors",
            "  valuekit predict-cltv score --model optdist.safetensors --input customers.arrow -o predictions.arrow",
            "  # without real data: a synthetic log with categorical attributes",
            "  valuekit predict-cltv synth --customers 20000 --seed 7 -o log.csv",
            "  valuekit predict-cltv features --transactions log.csv --attributes channel,region \\",
            "      --calibration-end 2024-09-29 --holdout-end 2025-06-29 -o customers.arrow",
            "  valuekit predict-cltv fit --method ziln --input customers.arrow -o ziln.safetensors"
        })
public final class PredictCltvCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Called without a subcommand: the usage and the command list on stderr, exit 2. */
    @Override
    public Integer call() {
        return CommandOverview.print(spec);
    }
}
