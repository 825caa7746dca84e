package dev.valuekit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code valuekit svd-adapt ...}: SVD-based adaptation; the work is in its subcommands. */
@Command(name = "svd-adapt",
        mixinStandardHelpOptions = true,
        description = {
            "SVD-based parameter-efficient adaptation of trained weight matrices: inspect their spectra (spectrum), "
                + "train adapters (LoRA, PiSSA, MiLoRA, SoMA, SoKA) on target data (fit), merge them into the base "
                + "(merge) and export them in PEFT's LoRA layout (export)."
        },
        subcommands = {SvdAdaptSpectrumCommand.class, SvdAdaptFitCommand.class, SvdAdaptMergeCommand.class, SvdAdaptExportCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  valuekit svd-adapt spectrum --model dyn.safetensors",
            "  valuekit svd-adapt fit --model dyn.safetensors --input target.arrow --method soma --rank 8 \\",
            "      -o soma.safetensors --merge adapted.dyn.safetensors",
            "  valuekit svd-adapt merge --model dyn.safetensors --adapter soma.safetensors -o adapted.dyn.safetensors",
            "  valuekit svd-adapt export --adapter soma.safetensors --peft-dir soma-peft/"
        })
public final class SvdAdaptCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (spectrum, fit, merge, export)");
    }
}
