package dev.valuekit.cli;

import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import dev.valuekit.onnx.ExportPart;
import dev.valuekit.onnx.OnnxExport;
import dev.valuekit.onnx.Port;
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
            "Parts, inputs -> outputs (every leading dimension is 'batch'; d observation and k action columns):",
            "* actor (agent files): obs [batch, d] -> act [batch, k], the deterministic action c + h*tanh(mu) in the "
                + "action bounds.",
            "* critic (q and agent files): obs, act -> q [batch], the critics aggregated as the model's critic target "
                + "(min, mean or mean-std:K), and q_members [batch, critics].",
            "* value (value and agent files): obs -> value [batch] and value_members [batch, critics]; for an agent "
                + "value = Q(s, actor(s)).",
            "* dynamics (dynamics files): obs, act -> next_obs [batch, d] and reward [batch] (the elites' mean), "
                + "member_mean and member_variance [batch, elites, d+1] (each elite's delta obs and reward; variance "
                + "for NLL models), p_terminal [batch] with a learned termination (valuekit ends an episode where it "
                + "exceeds 0.5; an environment's termination rule, spec termination env:NAME, is not in the graph).",
            "* cltv (ZILN and OptDist files): one input [batch] per feature column (numeric float32, categorical "
                + "string; unseen categories use the out-of-vocabulary embedding) -> p_purchase [batch], "
                + "predicted_ltv [batch] (within the model's bounds), component [batch] int64 (OptDist).",
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
            "  # A dynamics model, then in Python (obs, act: float32 arrays [rows, 3] and [rows, 1]):",
            "  #   s = onnxruntime.InferenceSession('dyn.onnx')",
            "  #   next_obs, reward = s.run(['next_obs', 'reward'], {'obs': obs, 'act': act})",
            "  valuekit export -m dyn.safetensors --format onnx -o dyn.onnx",
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

    @OutputFile
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "The file to write (written whole or not at all; - for stdout).")
    String output;

    @Option(names = "--part", paramLabel = "PART", 
            description = "Which function to export: ${COMPLETION-CANDIDATES}. Default: the first the model's kind has "
                    + "(agent: actor; q: critic; value: value; dynamics; cltv).")
    ExportPart part;

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
