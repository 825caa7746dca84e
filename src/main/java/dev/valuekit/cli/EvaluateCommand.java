package dev.valuekit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code valuekit evaluate}: the parent of the evaluation subcommands. */
@Command(name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "Measure how good a model is on data. Subcommands: model (one-step error of a dynamics model), cltv, policy (returns of a policy in an environment), value (a value function against Monte-Carlo returns).",
        subcommands = {EvaluateModelCommand.class, EvaluateCltvCommand.class, EvaluatePolicyCommand.class, EvaluateValueCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  valuekit evaluate model --model env:pendulum --input pendulum.arrow",
            "  valuekit evaluate model --help"
        })
public final class EvaluateCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (model, cltv, policy or value)");
    }
}
