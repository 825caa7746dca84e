package dev.valuekit.cli;

import java.util.List;

/** The subcommands, in the order --help lists them. */
final class Subcommands {
    static final List<Class<?>> ALL = List.of(
            TrainModelCommand.class,
            FitValueCommand.class,
            RolloutCommand.class,
            EvaluateCommand.class,
            SvdAdaptCommand.class,
            PredictCltvCommand.class,
            ConvertCommand.class,
            ExportCommand.class,
            InspectCommand.class,
            GenerateDocsCommand.class);private Subcommands() {}
}
