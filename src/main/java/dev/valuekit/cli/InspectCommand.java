package dev.valuekit.cli;

import dev.valuekit.artifact.Inspection;
import dev.valuekit.common.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** {@code valuekit inspect FILE}: what a model file is, where it came from and what it holds. */
@Command(name = "inspect",
        header = "Show a model file's kind, spec, provenance and tensors",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Describe a model file: its kind, spec, provenance and tensors.",
            "",
            "Prints the kind and format version, the spec (architecture, columns, normaliser, ...), the "
                + "provenance (valuekit version, command line, seed, input files with SHA-256, time, training "
                + "summary) and a table of the tensors (name, dtype, shape, parameters, min/mean/max).",
            "",
            "Works on any safetensors file with F32/F64 tensors, such as a PyTorch state dict; "
                + "files valuekit did not write show kind 'none'."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  # Describe a dynamics model for people",
            "  valuekit inspect dyn.safetensors",
            "",
            "  # The same as one JSON document: pick fields with jq",
            "  valuekit inspect --json dyn.safetensors | jq -r .kind",
            "  valuekit inspect --json dyn.safetensors | jq '.provenance.inputs[].sha256'",
            "",
            "  # The tensors of a PyTorch state dict saved with safetensors",
            "  valuekit inspect model.safetensors",
            "  valuekit inspect --json model.safetensors | jq -r '.tensors[].name'"
        })
public final class InspectCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FILE",
            description = "The .safetensors file to describe (a valuekit model or any safetensors file with F32/F64 tensors).")
    String file;

    @Option(names = "--json",
            description = "Print one JSON document with stable keys (file, bytes, format, kind, spec, provenance, "
                    + "metadata, tensors, total_params) instead of the text report. Default: text.")
    boolean json;

    @Override
    protected int run() throws Exception {
        if (file.equals("-")) {
            throw new BadInputException("inspect reads a model file, not stdin", "save the model to a file and name it");
        }
        Inspection report = Inspection.of(Path.of(file));
        OutputStream out = io().stdout();
        out.write((json ? report.toJsonText() : report.toText()).getBytes(StandardCharsets.UTF_8));
        out.flush();
        return 0;
    }
}
