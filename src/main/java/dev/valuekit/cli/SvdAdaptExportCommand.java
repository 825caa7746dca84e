package dev.valuekit.cli;

import dev.valuekit.adapt.AdapterExport;
import dev.valuekit.adapt.PeftExport;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.artifact.DType;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code valuekit svd-adapt export}: an adapter in Hugging Face PEFT's LoRA layout. */
@Command(name = "export",
        header = "Write an adapter in PEFT's LoRA layout",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Write an adapter in PEFT's LoRA layout: DIR/adapter_model.safetensors (base_model.model.MODULE.lora_A.weight "
                + "[r, in], ...lora_B.weight [out, r]) and DIR/adapter_config.json, so that W + (lora_alpha / r) * B * A "
                + "applied to the UNMODIFIED base gives the adapted weights. PiSSA, MiLoRA and SoMA change the base at "
                + "initialisation, so they are converted (A' = [A; A0], B' = [B, -B0]: rank and alpha double). SoKA "
                + "(Kronecker) adapters cannot be expressed as B * A: exit 2; merge them instead.",
            "Module names: a 2-D tensor NAME.weight is module NAME; member m of a valuekit ensemble weight "
                + "NAME.weight [members, in, out] is module NAME.members.m, in PyTorch's [out, in] orientation."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  valuekit svd-adapt export --adapter soma.safetensors --peft-dir soma-peft/",
            "  python3 -c \"from safetensors.numpy import load_file; print(load_file('soma-peft/adapter_model.safetensors').keys())\""
        })
public final class SvdAdaptExportCommand extends BaseCommand {
    @Option(names = {"-a", "--adapter"}, required = true, paramLabel = "ADAPTER", description = "An adapter file from svd-adapt fit.")
    String adapter;

    @Option(names = "--peft-dir", required = true, paramLabel = "DIR",
            description = "Directory to write the two files into; created if missing (its parent must exist).")
    String peftDir;

    @Option(names = "--dtype", paramLabel = "f32|f64", defaultValue = "f32",
            description = "Number type of the exported tensors. Default: ${DEFAULT-VALUE} (PyTorch's default).")
    String dtype;

    @Override
    protected int run() throws Exception {
        DType dt = switch (dtype.toLowerCase(Locale.ROOT)) {
            case "f32" -> DType.F32;
            case "f64" -> DType.F64;
            default -> throw new BadInputException("unknown --dtype '" + dtype + "'", "use f32 or f64");
        };
        if (adapter.equals("-")) throw new BadInputException("export reads a file, not stdin", "name the adapter file");
        Artifact a = Artifacts.read(Path.of(adapter), "adapter");
        List<PeftExport.Layer> layers = AdapterExport.peftLayers(a, adapter);
        Path dir = Path.of(peftDir).toAbsolutePath();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw BadInputException.inFile("--peft-dir exists and is not a directory", peftDir, "name a directory");
        }
        if (!Files.isDirectory(dir.getParent())) {
            throw BadInputException.inFile("parent directory does not exist", peftDir, "create it first or choose another path");
        }
        Files.createDirectories(dir);
        String base = a.spec().path("base").path("path").asText(null);
        try (AtomicOutput w = openOutput(dir.resolve(PeftExport.WEIGHTS_FILE).toString());
             AtomicOutput c = openOutput(dir.resolve(PeftExport.CONFIG_FILE).toString())) {
            PeftExport.write(w, c, layers, base, dt);
            w.commit();
            c.commit();
        }
        log().info("wrote " + layers.size() + " LoRA modules of rank " + layers.get(0).adapter().rank() + " to " + peftDir);
        return 0;
    }
}
