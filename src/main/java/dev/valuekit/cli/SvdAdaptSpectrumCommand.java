package dev.valuekit.cli;

import dev.valuekit.adapt.ModelMatrices;
import dev.valuekit.adapt.RankRule;
import dev.valuekit.adapt.SpectrumAnalysis;
import dev.valuekit.adapt.SpectrumPlot;
import dev.valuekit.adapt.SpectrumReport;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** {@code valuekit svd-adapt spectrum}: singular values, energy curves and suggested ranks per weight matrix. */
@Command(name = "spectrum",
        header = "Singular values and ranks of every 2-D tensor of a weights file",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Full SVD (LAPACK, f64) of every 2-D tensor of a weights file: shape, leading singular values and a "
                + "summary of the tail, the cumulative energy curve (share of sum sigma^2 in the first k components), "
                + "and the ranks chosen by energy 0.9, energy 0.99 and the elbow rule. Tensors that are not 2-D are "
                + "listed as skipped.",
            "",
            "Elbow rule: the point of the log-spectrum (both axes scaled to [0, 1]) farthest from the chord "
                + "joining its first and last points; below the chord the rank is the number of components before "
                + "that point, above it the point is kept too.",
            "",
            "With --model, each valuekit ensemble weight T [members, in, out] is analysed per member as "
                + "W = T[m]^T [out, in] and named T[m] (e.g. dynamics.layer.0.weight[2]), the names svd-adapt fit "
                + "uses; --tensors takes T (every member) or T[m].",
            "",
            "The report goes to stdout (text, or JSON with --json); progress to stderr."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  # Spectra of every weight matrix of a PyTorch state dict",
            "  valuekit svd-adapt spectrum --weights model.safetensors",
            "",
            "  # Two layers of a valuekit model; rank for 95%% energy; a plot",
            "  valuekit svd-adapt spectrum --model dyn.safetensors \\",
            "      --tensors dynamics.layer.0.weight,dynamics.layer.1.weight \\",
            "      --energy 0.95 --plot spectra.png",
            "",
            "  # Chosen ranks as JSON for a script",
            "  valuekit svd-adapt spectrum --weights model.safetensors --elbow --json \\",
            "      | jq '.matrices[] | {name, r: .ranks.chosen}'"
        })
public final class SvdAdaptSpectrumCommand extends BaseCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--weights", paramLabel = "FILE",
                description = "Any .safetensors file with F32/F64 tensors (e.g. a PyTorch state dict).")
        String weights;

        @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
                description = "A valuekit model file (.safetensors written by valuekit). Give --weights or --model.")
        String model;
    }

    @Option(names = "--tensors", split = ",", paramLabel = "NAME,...", hideParamSyntax = true,
            description = "Only these tensors (2-D, by their names in the file; with --model also ensemble weights T or "
                    + "members T[m]). Default: every 2-D tensor (and every ensemble member with --model).")
    List<String> layers;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Rule rule;

    static final class Rule {
        @Option(names = "--rank", paramLabel = "R",
                description = "Also report a fixed rank R (checked: 1 <= R <= min(rows, cols) of every matrix). Default: none.")
        Integer rank;

        @Option(names = "--energy", paramLabel = "TAU",
                description = "Also report the smallest rank whose components carry at least TAU of sum sigma^2, TAU in (0, 1]. Default: none.")
        Double energy;

        @Option(names = "--elbow", description = "Report the elbow rank as the chosen one (it is always listed). Default: off.")
        boolean elbow;

        RankRule toRule() {
            if (rank != null) return new RankRule.Fixed(rank);
            if (energy != null) return new RankRule.Energy(energy);
            return new RankRule.Elbow();
        }
    }

    @Option(names = "--top", paramLabel = "N", defaultValue = "8",
            description = "How many leading singular values the text report prints per matrix (JSON has all). Default: ${DEFAULT-VALUE}.")
    int top;

    @Option(names = "--json", description = "Print one JSON document (file, rule, matrices[name, shape, singular_values, "
            + "energy, ranks], skipped) instead of text. Default: text.")
    boolean json;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Also write a PNG: relative singular values (log scale) and cumulative energy per matrix. Default: no plot.")
    @OutputFile
    String plot;

    @Override
    protected int run() throws Exception {
        if (top < 1) throw new BadInputException("--top " + top + " must be at least 1", "pass e.g. --top 8");
        RankRule chosen = rule == null ? null : rule.toRule();
        String file = source.weights != null ? source.weights : source.model;
        if (file.equals("-")) throw new BadInputException("spectrum reads a weights file, not stdin", "save the weights to a file and name it");
        Artifact a = Artifacts.read(Path.of(file));
        if (source.model != null && a.kind() == null) {
            throw BadInputException.inFile("file has no valuekit metadata, so it is not a valuekit model", file,
                    "use --weights for any safetensors file");
        }
        AtomicOutput png = plot == null ? null : openOutput(plot);
        try {
            // valuekit ensembles: one matrix per member, W = T[m]^T, named T[m] as svd-adapt fit names them
            var tensors = source.model != null ? ModelMatrices.expand(a.tensors()) : a.tensors();
            var names = source.model != null ? ModelMatrices.expandNames(layers, a.tensors()) : layers;
            SpectrumReport report = SpectrumAnalysis.run(tensors, file, names, chosen, top, log(),
                    source.model != null ? SpectrumAnalysis::isModelWeight : SpectrumAnalysis::isMatrix);
            if (png != null) {
                SpectrumPlot.write(report.spectra(), png.stream());
                png.commit();
            }
            OutputStream out = io().stdout();
            out.write((json ? report.toJsonText() : report.toText()).getBytes(StandardCharsets.UTF_8));
            out.flush();
        } finally {
            if (png != null) png.close();
        }
        return 0;
    }
}
