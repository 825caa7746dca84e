package dev.valuekit.cli;

import picocli.CommandLine.Command;

/** {@code valuekit predict-cltv}: the customer-lifetime-value workflow, one subcommand per step. */
@Command(name = "predict-cltv",
        mixinStandardHelpOptions = true,
        description = {
            "Customer lifetime value from a transaction log: build per-customer features and labels, fit a "
                + "model, score customers. Evaluate the scores with 'valuekit evaluate cltv'.",
            "Every time quantity (recency, T, windows, horizons) is in one explicit unit (--unit); the fitted "
                + "model remembers it."
        },
        subcommands = {PredictCltvFeaturesCommand.class, PredictCltvFitCommand.class, PredictCltvScoreCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  valuekit predict-cltv features --transactions ../shared/datasets/cdnow-sample-transactions.txt \\",
            "      --calibration-end 1997-09-30 --holdout-end 1998-06-30 --unit week -o customers.arrow",
            "  valuekit predict-cltv fit --model bgnbd --input customers.arrow -o bgnbd.safetensors",
            "  valuekit predict-cltv score --model bgnbd.safetensors --input customers.arrow --horizon 39 -o predictions.arrow",
            "  valuekit evaluate cltv --predictions predictions.arrow --truth customers.arrow --plot gain.png"
        })
public final class PredictCltvCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing step: features, fit or score");
    }
}
