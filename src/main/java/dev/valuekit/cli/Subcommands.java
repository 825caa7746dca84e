package dev.valuekit.cli;

import java.util.List;

/** The subcommands, in the order --help lists them. */
final class Subcommands {
    static final List<Class<?>> ALL = List.of(
            InspectCommand.class,
            SvdAdaptCommand.class,
            GenerateDocsCommand.class);

    private Subcommands() {}
}
