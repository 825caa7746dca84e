package dev.valuekit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** The top-level command: global options and the list of subcommands. */
@Command(name = "valuekit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Learn values from data: dynamics models, value functions, SVD adaptation, customer lifetime value.",
        description = {
            "Subcommands read and write tables (Arrow IPC file or stream, Parquet, CSV, CSV.gz; D4RL/Minari HDF5 and npz in; '-' is stdin/stdout) "
                + "and model files (.safetensors), so steps chain in shell pipelines.",
            "",
            "Exit codes: 0 success, 1 failure while computing, 2 bad usage or bad input."
        },
        subcommands = {
            CommandLine.HelpCommand.class,
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  valuekit rollout --env pendulum --episodes 10 --seed 1 -o pendulum.arrow",
            "  valuekit convert pendulum.arrow -o pendulum.csv",
            "  valuekit evaluate model --model env:pendulum --input pendulum.arrow",
            "  valuekit <subcommand> --help"
        })
public final class ValuekitCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Spec
    CommandSpec spec;

    /** Called without a subcommand: the usage and the command list on stderr, exit 2. */
    @Override
    public Integer call() {
        return CommandOverview.print(spec);
    }
}
