package dev.valuekit.cli;

import dev.valuekit.adapt.AdapterMerge;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.artifact.Provenance;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code valuekit svd-adapt merge}: the base model with an adapter merged into its weights. */
@Command(name = "merge",
        header = "Merge a trained adapter into its base model",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Write the base model with a trained adapter merged in: each adapted matrix becomes W_res + delta "
                + "(= W + delta_tuned - delta_init), everything else (spec, normaliser, biases, other layers) is the "
                + "base's. The result has the base's kind, so every command that reads the base reads it "
                + "(evaluate model, rollout --model, ...). Warns when the base file's SHA-256 differs from the one "
                + "the adapter recorded; shapes that differ are refused (exit 2)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  valuekit svd-adapt merge --model src.dyn.safetensors --adapter soma.safetensors -o adapted.dyn.safetensors",
            "  valuekit rollout --model adapted.dyn.safetensors --start target.arrow --horizon 10 -o rollouts.arrow"
        })
public final class SvdAdaptMergeCommand extends BaseCommand {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "BASE", description = "The base model the adapter was trained on.")
    String model;

    @Option(names = {"-a", "--adapter"}, required = true, paramLabel = "ADAPTER", description = "An adapter file from svd-adapt fit.")
    String adapter;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL", description = "Where to write the merged model. Written atomically.")
    @OutputFile
    String output;

    @Override
    protected int run() throws Exception {
        if (model.equals("-") || adapter.equals("-")) throw new BadInputException("merge reads files, not stdin", "name the files");
        Artifact base = Artifacts.read(Path.of(model));
        if (base.kind() == null) {
            throw BadInputException.inFile("file has no valuekit metadata, so it is not a valuekit model", model, "pass a valuekit model file");
        }
        Artifact a = Artifacts.read(Path.of(adapter), "adapter");
        Provenance prov = Provenance.start("valuekit " + String.join(" ", spec.commandLine().getParseResult().originalArgs()))
                .input(Path.of(model)).input(Path.of(adapter));
        var json = prov.toJson();
        Artifact merged = AdapterMerge.merge(base, model, a, adapter, json);
        if (AdapterMerge.baseDiffers(a, json.path("inputs").path(0).path("sha256").asText(null))) {
            log().warn("the base file differs from the one the adapter was trained on (SHA-256); merged by layer names and shapes");
        }
        try (AtomicOutput out = openOutput(output)) {
            Artifacts.write(out, merged);
            out.commit();
        }
        return 0;
    }
}
