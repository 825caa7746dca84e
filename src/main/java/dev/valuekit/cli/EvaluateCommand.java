package dev.valuekit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code valuekit evaluate}: the parent of the evaluation subcommands. */
@Command(name = "evaluate",
        header = "Measure a model, value, policy or CLTV predictions on data",
        mixinStandardHelpOptions = true,
        description = "Measure how good a model is on data. Subcommands: model (one-step error of a dynamics model), cltv, policy (returns of a policy in an environment), value (a value function against Monte-Carlo returns).",
        subcommands = {EvaluateModelCommand.class, EvaluateCltvCommand.class, EvaluatePolicyCommand.class, EvaluateValueCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  valuekit evaluate model --model env:pendulum --input pendulum.arrow",
            "  valuekit evaluate model --help"
        })
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Called without a subcommand: the usage and the command list on stderr, exit 2. */
    @Override
    public Integer call() {
        return CommandOverview.print(spec);
    }
}
