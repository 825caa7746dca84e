package dev.valuekit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

/**
 * What a command that only groups others prints when called without one (as git and docker do):
 * its usage line and command list on stderr, then a pointer to the full help; exit status 2.
 */
final class CommandOverview {
    static final int USAGE_ERROR = 2;

    private CommandOverview() {}

    static int print(CommandSpec spec) {
        CommandLine cl = spec.commandLine();
        CommandLine.Help help = cl.getHelp();
        PrintWriter err = cl.getErr();
        String name = spec.qualifiedName();
        err.print(help.headerHeading() + help.header());
        err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
        err.print(help.commandListHeading() + help.commandList());
        err.printf("%nSee '%s <command> --help' for a command's options and examples.%n", name);
        err.flush();
        return USAGE_ERROR;
    }
}
