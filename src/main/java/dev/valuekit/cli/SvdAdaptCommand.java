package dev.valuekit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code valuekit svd-adapt ...}: SVD-based adaptation; the work is in its subcommands. */
@Command(name = "svd-adapt",
        mixinStandardHelpOptions = true,
        description = {
            "SVD-based parameter-efficient adaptation of trained weight matrices: inspect their spectra and "
                + "initialise adapters (LoRA, PiSSA, MiLoRA, SoMA, SoKA)."
        },
        subcommands = {SvdAdaptSpectrumCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  valuekit svd-adapt spectrum --weights model.safetensors",
            "  valuekit svd-adapt spectrum --help"
        })
public final class SvdAdaptCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (spectrum)");
    }
}
