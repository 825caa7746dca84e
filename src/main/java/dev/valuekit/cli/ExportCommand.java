package dev.valuekit.cli;

import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import dev.valuekit.onnx.ExportPart;
import dev.valuekit.onnx.OnnxExport;
import dev.valuekit.onnx.Port;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.stream.Collectors;

/** {@code valuekit export}: one part of a model file as an ONNX graph for other runtimes. */
@Command(name = "export",
        header = "Write one part of a model as an ONNX graph",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Write one part of a valuekit model as an ONNX graph (opset 17, float32, any number of rows) that computes "
                + "what valuekit computes for the same rows, for ONNX Runtime in C++, Rust, Java, C# or the browser. Input "
                + "normalisers are inside the graph; the names follow the table columns.",
            "",
            "Parts (inputs -> outputs; every leading dimension is 'batch'):",
            "  actor     agent     obs [batch, d] -> act [batch, k]: deterministic action c + h*tanh(mu) in the action bounds",
            "  critic    q, agent  obs [batch, d], act [batch, k] -> q [batch] (critics aggregated as the model's critic target: "
                + "min, mean or mean-std:K), q_members [batch, critics]",
            "  value     value     obs [batch, d] -> value [batch], value_members [batch, critics]; for an agent "
                + "value = Q(s, actor(s))",
            "  dynamics  dynamics  obs [batch, d], act [batch, k] -> next_obs [batch, d], reward [batch] (the elites' mean), "
                + "member_mean and member_variance [batch, elites, d+1] (delta obs and reward of each elite; variance for "
                + "NLL models), p_terminal [batch] with a learned termination",
            "  cltv      cltv      one input [batch] per feature column (numeric float32, categorical string; unseen "
                + "categories use the out-of-vocabulary embedding) -> p_purchase [batch], predicted_ltv [batch], "
                + "component [batch] int64 (OptDist)",
            "",
            "The default part is the first one the file's kind has. obs and act hold the model's observation and action "
                + "columns in the order 'valuekit inspect' lists them. The ONNX model's metadata_props hold valuekit.kind, "
                + "valuekit.part, valuekit.signature (inputs and outputs with columns, as JSON), the model's valuekit.spec "
                + "and valuekit.source_provenance, and the export's valuekit.provenance. Weights of f64 models are rounded "
                + "to float32. BG/NBD cltv models and adapters have no ONNX form (exit 2)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  # An agent's policy for deployment, and its critics",
            "  valuekit export -m agent.safetensors --format onnx -o policy.onnx",
            "  valuekit export -m agent.safetensors --format onnx --part critic -o q.onnx",
            "",
            "  # A dynamics model; run it with ONNX Runtime from Python",
            "  valuekit export -m dyn.safetensors --format onnx -o dyn.onnx",
            "  python3 -c \"import numpy as np, onnxruntime as ort; s = ort.InferenceSession('dyn.onnx'); "
                + "print(s.run(['next_obs', 'reward'], {'obs': np.zeros((1, 3), np.float32), 'act': np.zeros((1, 1), np.float32)}))\"",
            "",
            "  # A ZILN customer-value model; read its input names back from the metadata",
            "  valuekit export -m ziln.safetensors --format onnx -o ziln.onnx",
            "  python3 -c \"import onnx; print(onnx.load('ziln.onnx').metadata_props)\""
        })
public final class ExportCommand extends BaseCommand {
    /** Export formats; ONNX is the one there is. */
    enum Format { onnx }

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE", description = "The valuekit model file to export.")
    String model;

    @Option(names = "--format", required = true, paramLabel = "onnx", description = "Output format: ${COMPLETION-CANDIDATES}.")
    Format format;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "The file to write (written whole or not at all; - for stdout).")
    @OutputFile
    String output;

    @Option(names = "--part", paramLabel = "PART", converter = PartConverter.class, completionCandidates = PartNames.class,
            description = "Which function to export: ${COMPLETION-CANDIDATES}. Default: the first the model's kind has "
                    + "(agent: actor; q: critic; value: value; dynamics; cltv).")
    ExportPart part;

    /** Part names as users type them (lower case). */
    static final class PartNames extends java.util.ArrayList<String> {
        PartNames() { for (ExportPart p : ExportPart.values()) add(p.label()); }
    }

    static final class PartConverter implements CommandLine.ITypeConverter<ExportPart> {
        @Override public ExportPart convert(String s) {
            for (ExportPart p : ExportPart.values()) if (p.label().equalsIgnoreCase(s.trim())) return p;
            throw new CommandLine.TypeConversionException("unknown part '" + s + "' (use " + String.join(", ", new PartNames()) + ")");
        }
    }

    @Override
    protected int run() throws Exception {
        if (model.equals("-")) throw new BadInputException("export reads a model file, not stdin", "name the model file with -m");
        String commandLine = "valuekit " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        OnnxExport.Result r = OnnxExport.export(new OnnxExport.Options(Path.of(model), part, commandLine));
        try (AtomicOutput out = openOutput(output)) {
            out.stream().write(r.onnx());
            out.commit();
        }
        log().info("wrote the " + r.part().label() + " of " + model + " as ONNX (" + r.onnx().length + " bytes): inputs "
                + r.inputs().stream().map(Port::describe).collect(Collectors.joining(", ")) + "; outputs "
                + r.outputs().stream().map(Port::describe).collect(Collectors.joining(", ")));
        return 0;
    }
}
