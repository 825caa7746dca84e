package dev.valuekit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.adapt.AdapterArtifact;
import dev.valuekit.adapt.AdapterMerge;
import dev.valuekit.adapt.AdapterMethod;
import dev.valuekit.adapt.AdapterOptions;
import dev.valuekit.adapt.CltvAdapterFit;
import dev.valuekit.cltv.CustomerEncoder;
import dev.valuekit.cltv.NeuralArtifacts;
import dev.valuekit.adapt.DynamicsAdapterFit;
import dev.valuekit.adapt.AdaptFitOptions;
import dev.valuekit.adapt.FitResult;
import dev.valuekit.adapt.ModelMatrices;
import dev.valuekit.adapt.ValueAdapterFit;
import dev.valuekit.adapt.RandomizedSvdOptions;
import dev.valuekit.adapt.SvdMode;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.artifact.DType;
import dev.valuekit.artifact.Provenance;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import dev.valuekit.dynamics.DynamicsArtifacts;
import dev.valuekit.fit.TrainingLogTable;
import dev.valuekit.table.Transitions;
import dev.valuekit.table.Batch;
import dev.valuekit.table.TableWriter;
import dev.valuekit.table.Tables;
import dev.valuekit.table.WriteOptions;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Precision;
import dev.valuekit.value.Credit;
import dev.valuekit.value.FittedValue;
import dev.valuekit.value.ValueArtifacts;
import dev.valuekit.table.Transitions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code valuekit svd-adapt fit}: trains an adapter on target data with the base model's own objective. */
@Command(name = "fit",
        header = "Train adapters on target data with the base model's objective",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "Adapt a trained model to new (target) data by training only adapter factors on its weight matrices, "
                + "with the base model's own objective. 'dynamics' (train-model): Gaussian NLL (mbrl-lib's form; MSE for "
                + "--loss mse models) on obs/act -> delta obs, reward, inputs standardised with the base's own "
                + "normaliser. 'value' / 'q' (fit-value): regression of every critic on the target data's Monte-Carlo "
                + "returns with the model's own gamma and credit (fit-value --method mc's objective, whatever method "
                + "fitted the base; rows whose unknown episode tail matters are left out unless the base used "
                + "--mc-tail keep). 'cltv' with model ziln (predict-cltv fit): the mean ZILN loss of the model's label column on "
                + "the target customers (features as predict-cltv features writes them), adapters on sub.layer.i.weight, "
                + "embeddings frozen, random customers held out. OptDist, BG/NBD and 'agent' models are refused (exit 2).",
            "Every member of an ensemble weight T [members, in, out] is one matrix W = T[m]^T [out, in] with its own "
                + "adapter, named T[m] (e.g. dynamics.layer.3.weight[0]); --tensors takes tensor names (all members) "
                + "or such member names, as 'svd-adapt spectrum --model' lists them.",
            "Methods (s = alpha / rank): lora (A random, B = 0), pissa (r principal singular components), milora and "
                + "soma (r minor components; need --svd full), soka (r leading Kronecker terms), and full (no adapter: "
                + "every weight and bias of the selected layers trains, for comparison). Biases, the normaliser, the "
                + "log-variance bounds and the termination head stay frozen for adapters.",
            "Optimiser: AdamW, constant --lr, weight decay cosine-annealed from --wd-start to --wd-end over all steps "
                + "(SoMA's 0.05 -> 1e-5). Whole target episodes (--holdout) are held out; training stops after "
                + "--patience epochs without improvement of their mean MSE (ZILN loss for CLTV; customers are held out at random) and keeps the best epoch. Minibatches are "
                + "full: rows beyond the last full batch of an epoch's shuffle wait for the next epoch.",
            "Writes the 'adapter' file (-o; its spec names the base file with its SHA-256), or for --method full the "
                + "fine-tuned model itself; --merge also writes the base with the adapter merged in (same as "
                + "'svd-adapt merge')."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  # SoMA: rank 8 on the minor components of every body layer but the first; merged model too",
            "  valuekit svd-adapt fit --model src.dyn.safetensors --input target.arrow --method soma --rank 8 \\",
            "      --freeze dynamics.layer.0 -o soma.adapter.safetensors --merge adapted.dyn.safetensors",
            "  valuekit evaluate model --model adapted.dyn.safetensors --input target-test.arrow --json",
            "",
            "  # LoRA on two layers, member 0 only for the second",
            "  valuekit svd-adapt fit --model dyn.safetensors --input t.arrow --method lora --rank 4 --lora-alpha 8 \\",
            "      --tensors dynamics.layer.1.weight,dynamics.layer.2.weight[0] -o lora.safetensors",
            "",
            "  # full fine-tuning baseline with the same optimiser",
            "  valuekit svd-adapt fit --model dyn.safetensors --input t.arrow --method full -o tuned.dyn.safetensors"
        })
public final class SvdAdaptFitCommand extends BaseCommand {
    
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "BASE",
            description = "The base model file: a 'dynamics' model (train-model), a 'value' / 'q' model (fit-value) or a "
                    + "ziln 'cltv' model (predict-cltv fit --method ziln).")
    String model;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "DATA",
            description = "Target data in the base model's schema: transitions with its obs_*, act_*, next_obs_*, reward, "
                    + "terminated, truncated (and episode, step: needed for value returns) columns; for CLTV the customer table with "
                    + "the model's feature and label columns. Arrow, Parquet, CSV, CSV.gz; '-' is stdin.")
    String data;

    @Mixin
    TransitionColumnOptions columns = new TransitionColumnOptions();

    @Option(names = "--method", required = true, paramLabel = "METHOD",
            description = "soma, milora, pissa, lora, soka, or full (plain fine-tuning, no adapter).")
    String method;

    @Option(names = "--rank", paramLabel = "R",
            description = "Adapter rank (Kronecker terms for soka), 1 <= R <= min(out, in) of every adapted matrix. Required "
                    + "except for --method full.")
    Integer rank;

    @Option(names = "--lora-alpha", paramLabel = "A",
            description = "LoRA alpha: the update is (alpha / rank) * B * A. Default: the rank (scale 1).")
    Double alpha;

    @Option(names = "--tensors", split = ",", paramLabel = "NAME,...", hideParamSyntax = true,
            description = "Matrices to adapt: tensor names (every member) or member names T[m]. Default: every weight "
                    + "the objective trains: dynamics.layer.i.weight, the hidden value.layer.i.weight / q.layer.i.weight "
                    + "(a critic's output layer is one row, rank 1: name it to adapt it), sub.layer.i.weight for ZILN.")
    List<String> layers;

    @Option(names = "--freeze", split = ",", paramLabel = "BLOCK,...", hideParamSyntax = true,
            description = "Blocks that get no adapter, by name prefix (e.g. dynamics.layer.0 freezes the first layer; SoMA "
                    + "freezes early blocks). Default: none.")
    List<String> freeze;

    @Option(names = "--svd", paramLabel = "full|randomized", defaultValue = "full",
            description = "SVD for the initialisation: full (LAPACK, f64) or randomized (principal methods only). "
                    + "Default: ${DEFAULT-VALUE}.")
    String svd;

    @Option(names = "--kron", paramLabel = "M1xN1",
            description = "soka: shape of the first Kronecker factor. Default: the divisor pair nearest sqrt of each dimension.")
    String kron;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "1e-3", description = "AdamW learning rate. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--max-epochs", paramLabel = "N", defaultValue = "50", description = "Most epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "256",
            description = "Minibatch rows per member (capped at the training rows). Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--holdout", paramLabel = "F", defaultValue = "0.1",
            description = "Fraction of target rows held out (whole episodes when there is an episode column) for early "
                    + "stopping; 0 trains on all rows for --max-epochs. Default: ${DEFAULT-VALUE}.")
    double holdout;

    @Option(names = "--patience", paramLabel = "E", defaultValue = "5",
            description = "Stop after this many epochs without holdout improvement. Default: ${DEFAULT-VALUE}.")
    int patience;

    @Option(names = "--wd-start", paramLabel = "W", defaultValue = "0.05",
            description = "AdamW weight decay at the first step (cosine-annealed). Default: ${DEFAULT-VALUE}.")
    double wdStart;

    @Option(names = "--wd-end", paramLabel = "W", defaultValue = "1e-5",
            description = "AdamW weight decay at the last step. Default: ${DEFAULT-VALUE}.")
    double wdEnd;

    @Mixin
    SeedOption seed = new SeedOption();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "Where to write the adapter (.safetensors; for --method full the fine-tuned model). Written atomically.")
    @OutputFile
    String output;

    @Option(names = "--merge", paramLabel = "MODEL",
            description = "Also write the base with the adapter merged in: a model of the base's kind. Default: none.")
    @OutputFile
    String merge;

    @Option(names = "--log-out", paramLabel = "FILE",
            description = "Write the training log (one row per epoch and member, train-model's columns) as a table. Default: none.")
    @OutputFile
    String logOut;

    @Override
    protected int run() throws Exception {
        AdapterMethod m = parseMethod();
        checkRanges(m);
        if (logOut != null) Tables.outputFormat(logOut, WriteOptions.defaults());
        if (model.equals("-")) throw new BadInputException("--model reads a file, not stdin", "save the model to a file and name it");
        Path basePath = Path.of(model);
        Artifact raw = Artifacts.read(basePath);
        if (raw.kind() == null) {
            throw BadInputException.inFile("file has no valuekit metadata, so it is not a valuekit model", model,
                    "pass a model written by valuekit train-model");
        }
        boolean dynamics = DynamicsArtifacts.KIND.equals(raw.kind());
        boolean value = ValueArtifacts.VALUE.equals(raw.kind()) || ValueArtifacts.Q.equals(raw.kind());
        boolean cltv = "cltv".equals(raw.kind());
        columns.requireReadsTransitions(!cltv, "a CLTV model reads its customer table by its own feature columns; drop them");
        if (!dynamics && !value && !cltv) {
            throw BadInputException.inFile("svd-adapt fit does not support '" + raw.kind() + "' models (only dynamics, value, q and ziln cltv)",
                    model, "pass a dynamics model from train-model, a value / q model from fit-value or a ziln model from "
                            + "predict-cltv fit; svd-adapt spectrum shows any model's spectra");
        }
        if (cltv && !"ziln".equals(raw.spec().path("model").asText())) {
            throw BadInputException.inFile("svd-adapt fit supports the neural ziln CLTV model, not '" + raw.spec().path("model").asText()
                    + "' (optdist's selector objective is not wired to adapters yet; bgnbd has no weight matrices)", model,
                    "pass a model from predict-cltv fit --method ziln");
        }
        Nd4jRuntime.configure(Precision.F32, global().threads());
        AdapterOptions ao = m == null ? null : new AdapterOptions(m, rank, alpha == null ? rank : alpha, parseSvd(),
                RandomizedSvdOptions.DEFAULT_OVERSAMPLING, RandomizedSvdOptions.DEFAULT_POWER_ITERATIONS, seed.seed(), kron);
        AdaptFitOptions fo = new AdaptFitOptions(ao, layers, freeze, lr, epochs, batch, holdout, patience, wdStart, wdEnd, seed.seed());
        FitResult r;
        String objective;
        int[] elites;
        if (dynamics) {
            DynamicsArtifacts.Loaded base = DynamicsArtifacts.load(basePath);
            DynamicsAdapterFit.select(base.artifact(), model, fo);   // layer names checked before the data is read
            Transitions td = Transitions.read(data, io().stdin(), readOptions(), columns.names());
            DynamicsAdapterFit.requireColumns(base, td);
            r = DynamicsAdapterFit.fit(base, model, td, fo, log());
            objective = "dynamics gaussian nll (mse for deterministic models)";
            elites = base.spec().elites();
        } else if (cltv) {
            NeuralArtifacts.Loaded base = NeuralArtifacts.fromArtifact(raw, model);
            CltvAdapterFit.select(raw, model, fo);
            Batch table = Tables.readAll(data, io().stdin(), readOptions());
            String source = "-".equals(data) ? "stdin" : data;
            double[] y = CustomerEncoder.labels(table, table.schema().requireNumeric(base.labelColumn(), source), source, base.labelColumn());
            CustomerEncoder enc = base.network().encoder();
            CustomerEncoder.Encoded ed = enc.encode(table, enc.resolve(table.schema(), source), source, 1);
            r = CltvAdapterFit.fit(base.network(), raw, model, ed, y, fo, log());
            objective = "ziln loss of " + base.labelColumn();
            elites = new int[] {0};
        } else {
            FittedValue base = ValueArtifacts.load(basePath, ValueArtifacts.VALUE, ValueArtifacts.Q);
            ValueAdapterFit.select(raw, model, fo);
            Transitions vd = Transitions.read(data, io().stdin(), readOptions(), columns.names());
            Credit credit = Credit.parse(raw.spec().path("credit").asText("sum"));
            double drop = "keep".equals(raw.spec().path("training").path("mc_tail").asText("drop")) ? 0 : 0.01;
            r = ValueAdapterFit.fit(base, raw, model, vd, credit, drop, fo, log());
            objective = "monte-carlo return regression (gamma " + base.gamma() + ", credit " + credit.name().toLowerCase(Locale.ROOT) + ")";
            elites = java.util.stream.IntStream.range(0, base.critics().members()).toArray();
        }

        Provenance prov = Provenance.start(commandLine()).seed(seed.seed()).input(basePath);
        if ("-".equals(data)) prov.input("stdin"); else prov.input(Path.of(data));
        Map<String, Object> summary = summary(r);
        summary.forEach(prov::summary);
        ObjectNode provJson = prov.toJson();
        DType dt = r.params().list().get(0).precision() == Precision.F64 ? DType.F64 : DType.F32;   // the base's
        Artifact adapted = m == null
                ? ModelMatrices.withParams(raw, r.params(), provJson)
                : AdapterArtifact.toArtifact(r.entries(), ao, provJson, dt, extraSpec(provJson, raw.kind(), objective));
        try (AtomicOutput out = openOutput(output); AtomicOutput merged = merge == null ? null : openOutput(merge)) {
            Artifacts.write(out, adapted);
            if (merged != null) {
                // the in-memory adapter holds the factors rounded as in its file, so this equals a later svd-adapt merge
                Artifact full = m == null ? adapted : AdapterMerge.merge(raw, model, adapted, output, provJson);
                Artifacts.write(merged, full);
            }
            if (logOut != null) writeLog(r, elites);
            out.commit();
            if (merged != null) merged.commit();
        }
        log().metrics("svd-adapt fit", summary);
        return 0;
    }

    private ObjectNode extraSpec(ObjectNode prov, String kind, String objective) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        ObjectNode b = o.putObject("base");
        b.put("path", model);
        b.put("kind", kind);
        b.set("sha256", prov.path("inputs").path(0).path("sha256"));
        ObjectNode t = o.putObject("training");
        t.put("objective", objective);
        if (layers != null) t.put("layers", String.join(",", layers));
        if (freeze != null) t.put("freeze", String.join(",", freeze));
        t.put("lr", lr);
        t.put("wd_start", wdStart);
        t.put("wd_end", wdEnd);
        return o;
    }

    private void writeLog(FitResult r, int[] elites) throws java.io.IOException {
        Batch b = TrainingLogTable.of(r.log(), elites);
        try (TableWriter w = Tables.create(openOutput(logOut), b.schema(), WriteOptions.defaults())) {
            w.write(b);
            w.finish();
        }
    }

    private static Map<String, Object> summary(FitResult r) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("epochs", r.log().size());
        s.put("stopped_early", r.stoppedEarly());
        s.put("train_rows", r.trainRows());
        s.put("holdout_rows", r.holdoutRows());
        s.put("trainable_parameters", r.trainableParameters());
        s.put("adapted_matrices", r.matrices().size());
        if (Double.isFinite(r.baseHoldout())) s.put("base_holdout_" + r.metric(), r.baseHoldout());
        if (Double.isFinite(r.bestHoldout())) s.put("best_holdout_" + r.metric(), r.bestHoldout());
        double worst = 0;
        for (var m : r.matrices()) worst = Math.max(worst, m.initial().maxReconstructionError());
        s.put("max_init_reconstruction_error", worst);
        return s;
    }

    private AdapterMethod parseMethod() {
        if ("full".equalsIgnoreCase(method.trim())) return null;
        try {
            return AdapterMethod.parse(method);
        } catch (BadInputException e) {
            throw new BadInputException("unknown --method '" + method + "'", "choose soma, milora, pissa, lora, soka or full");
        }
    }

    private SvdMode parseSvd() {
        return switch (svd.toLowerCase(Locale.ROOT)) {
            case "full" -> SvdMode.FULL;
            case "randomized" -> SvdMode.RANDOMIZED;
            default -> throw new BadInputException("unknown --svd '" + svd + "'", "use full or randomized");
        };
    }

    private void checkRanges(AdapterMethod m) {
        if (m != null && rank == null) throw new BadInputException("--rank is required for --method " + m.id(), "pass e.g. --rank 8");
        if (m == null && (rank != null || alpha != null || kron != null)) {
            throw new BadInputException("--rank, --lora-alpha and --kron do not apply to --method full", "drop them, or choose an adapter method");
        }
        if (!(lr > 0) || Double.isInfinite(lr)) throw new BadInputException("--lr must be a positive number, got " + lr, "e.g. --lr 1e-3");
        if (epochs < 1) throw new BadInputException("--max-epochs must be at least 1, got " + epochs, "e.g. --max-epochs 50");
        if (batch < 1) throw new BadInputException("--batch must be at least 1, got " + batch, "e.g. --batch 256");
        if (patience < 1) throw new BadInputException("--patience must be at least 1, got " + patience, "e.g. --patience 5");
        if (!(holdout >= 0 && holdout < 1)) throw new BadInputException("--holdout must be in [0, 1), got " + holdout, "e.g. --holdout 0.1");
        if (!(wdStart >= 0) || !(wdEnd >= 0) || Double.isInfinite(wdStart) || Double.isInfinite(wdEnd)) {
            throw new BadInputException("--wd-start and --wd-end must be finite numbers >= 0", "e.g. --wd-start 0.05 --wd-end 1e-5");
        }
    }

    private String commandLine() {
        return "valuekit " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }
}
