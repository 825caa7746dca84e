package dev.valuekit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code valuekit svd-adapt ...}: SVD-based adaptation; the work is in its subcommands. */
@Command(name = "svd-adapt",
        header = "Adapt trained weights with SVD-based adapters (LoRA, SoMA, ...)",
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
public final class SvdAdaptCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Called without a subcommand: the usage and the command list on stderr, exit 2. */
    @Override
    public Integer call() {
        return CommandOverview.print(spec);
    }
}
