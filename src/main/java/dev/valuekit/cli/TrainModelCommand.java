package dev.valuekit.cli;

import dev.valuekit.artifact.Provenance;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import dev.valuekit.dynamics.CheckpointStore;
import dev.valuekit.dynamics.DynamicsArtifacts;
import dev.valuekit.dynamics.DynamicsSpec;
import dev.valuekit.dynamics.DynamicsTrainer;
import dev.valuekit.dynamics.FileCheckpointStore;
import dev.valuekit.fit.HoldoutSplit;
import dev.valuekit.dynamics.Termination;
import dev.valuekit.dynamics.TrainOptions;
import dev.valuekit.fit.TrainingLogTable;
import dev.valuekit.dynamics.TrainingResult;
import dev.valuekit.dynamics.TrainingTrace;
import dev.valuekit.dynamics.TrainingTraceFiles;
import dev.valuekit.dynamics.TransitionData;
import dev.valuekit.table.Batch;
import dev.valuekit.table.TableWriter;
import dev.valuekit.table.Tables;
import dev.valuekit.table.TransitionColumns;
import dev.valuekit.table.WriteOptions;
import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Precision;
import dev.valuekit.value.StateValue;
import dev.valuekit.value.ValueArtifacts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** {@code valuekit train-model}: a probabilistic dynamics ensemble from transitions. */
@Command(name = "train-model",
        header = "Train a probabilistic ensemble dynamics model on transitions",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "Train a probabilistic ensemble dynamics model (PETS/MBPO recipe) on transitions: inputs obs_* and act_* "
                + "(standardised), targets next_obs - obs and reward, each member a Gaussian with learned mean and "
                + "log-variance, log-variance soft-clamped between learned bounds (init -10 and 0.5, with a 0.01 "
                + "penalty on their spread).",
            "Whole episodes are held out (random rows when there is no episode column) for early stopping: "
                + "training stops when no member has improved its holdout MSE by more than 1%% for --patience epochs; "
                + "each member keeps its best weights and the --elites members with the lowest holdout MSE are used for "
                + "prediction. Rows with truncated set are never treated as terminal.",
            "Reported NLL is the per-dimension Gaussian negative log-likelihood INCLUDING the 1/2 factor and "
                + "1/2*log(2*pi), i.e. mean of 0.5*(y-mu)^2/var + 0.5*log(var) + 0.5*log(2*pi); the training "
                + "objective omits the constant (mbrl-lib's convention).",
            "Writes one 'dynamics' model file (weights, normaliser, elites, log-variance bounds, termination, column "
                + "names, provenance). Exit 1 if the loss diverges (no model is written)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  # MBPO defaults: 7 members, 5 elites, 4 x 200 SiLU, NLL, 10%% of episodes held out",
            "  valuekit train-model -i ../shared/datasets/pendulum-random.csv -o pendulum.dyn.safetensors --seed 1",
            "  # small and quick, with the per-epoch log as CSV",
            "  valuekit train-model -i pendulum.arrow -o dyn.safetensors --members 3 --elites 2 --hidden 64 --layers 2 \\",
            "      --max-epochs 20 --log-out log.csv",
            "  # cartpole with a learned termination head, checkpoints every 5 epochs (rerun the same line to resume)",
            "  valuekit train-model -i cartpole.arrow -o cp.safetensors --termination learned --checkpoint ckpt/ --checkpoint-every 5",
            "  # use the simulator's termination rule; then roll out and evaluate",
            "  valuekit train-model -i cartpole.arrow -o cp.safetensors --termination env:cartpole",
            "  valuekit rollout --model cp.safetensors --start cartpole.arrow --horizon 5 --starts 1000 -o rollouts.arrow",
            "  valuekit evaluate model --model cp.safetensors --data cartpole-test.arrow"
        })
public final class TrainModelCommand extends BaseCommand {
    @Option(names = {"-i", "--input"}, required = true, paramLabel = "DATA",
            description = "Transitions table (Arrow IPC file or stream, Parquet, CSV, CSV.gz, D4RL/Minari HDF5, npz; '-' is stdin) with obs_*, act_*, reward, "
                    + "next_obs_*, terminated, truncated and optionally episode.")
    String input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL",
            description = "Where to write the dynamics model (.safetensors). Written atomically.")
    @OutputFile
    String output;

    @Option(names = "--members", paramLabel = "N", defaultValue = "7", description = "Ensemble members. Default: ${DEFAULT-VALUE}.")
    int members;

    @Option(names = "--elites", paramLabel = "K",
            description = "Members used for prediction (lowest holdout MSE). Default: " + TrainOptions.DEFAULT_ELITES
                    + ", or --members when that is smaller.")
    Integer elites;

    @Option(names = "--hidden", paramLabel = "W", defaultValue = "200", description = "Hidden layer width. Default: ${DEFAULT-VALUE}.")
    int hidden;

    @Option(names = "--layers", paramLabel = "L", defaultValue = "4", description = "Hidden layers. Default: ${DEFAULT-VALUE}.")
    int layers;

    @Option(names = "--activation", paramLabel = "silu|relu|tanh", defaultValue = "silu",
            description = "Hidden activation. Default: ${DEFAULT-VALUE}.")
    String activation;

    @Option(names = "--loss", paramLabel = "nll|mse|vagram", defaultValue = "nll",
            description = "nll: Gaussian negative log-likelihood (probabilistic members); mse: deterministic members; "
                    + "vagram: deterministic members trained on VaGraM's value-gradient weighted loss (needs --value, see there). "
                    + "Default: ${DEFAULT-VALUE}.")
    String loss;

    @Option(names = "--value", paramLabel = "V.safetensors",
            description = "With --loss vagram: the value function whose gradient weights the state error (VaGraM, Voelcker et al. "
                    + "2022). A 'value' model from fit-value --target v gives V(s'); an 'agent' (fit-value --method sac) gives "
                    + "Q(s', mu(s')) at its actor's mean action, differentiated in s' with the action held fixed; a plain 'q' "
                    + "model is refused (no action to put at s'). Its observation columns must be the data's. "
                    + "Per row i and observation dimension j, w_ij = |dV/ds'_j| at the data's next_obs (raw units, through the "
                    + "value's input normaliser), clipped at the 95th percentile of |dV/ds'_j| over the training rows; computed "
                    + "once per run. The model predicts raw targets delta_obs = next_obs - obs and reward (targets are never "
                    + "normalised; inputs are standardised), and s'^ - s' = delta^ - delta, so per member the loss is "
                    + "mean_i[ (1/d) * sum_j (w_ij * (delta^_ij - delta_ij))^2 + (r^_i - r_i)^2 ] with d observation columns, "
                    + "summed over members; e.g. w = 2, error 0.5 in one of d = 2 dimensions, reward exact: (2*0.5)^2/2 = 0.5. "
                    + "The holdout VaGraM loss then picks best epochs, elites and early stopping; the termination head trains "
                    + "as usual. The model's spec records loss vagram and the value file's SHA-256. Default: none.")
    Path value;

    @Option(names = "--termination", paramLabel = "learned|none|env:NAME", defaultValue = "learned",
            description = "learned: a Bernoulli head on terminated (falls back to none when no row is terminal); none: "
                    + "never terminal; env:NAME: the built-in environment's rule on the predicted next observation. "
                    + "Default: ${DEFAULT-VALUE}.")
    String termination;

    @Option(names = "--holdout", paramLabel = "F", defaultValue = "0.1",
            description = "Fraction of rows held out, as whole episodes when there is an episode column; at most "
                    + "--holdout-cap rows; 0 trains on everything without early stopping. Default: ${DEFAULT-VALUE}.")
    double holdout;

    @Option(names = "--holdout-cap", paramLabel = "N", defaultValue = "5000",
            description = "Most rows held out. Default: ${DEFAULT-VALUE}.")
    int holdoutCap;

    @Option(names = "--patience", paramLabel = "E", defaultValue = "5",
            description = "Stop after this many epochs without a >1%% holdout-MSE improvement of any member. Default: ${DEFAULT-VALUE}.")
    int patience;

    @Option(names = "--max-epochs", paramLabel = "N", defaultValue = "200",
            description = "Most epochs. Default: ${DEFAULT-VALUE}.")
    int maxEpochs;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "256", description = "Minibatch rows per member. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "1e-3", description = "Adam learning rate. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--weight-decay", split = ",", paramLabel = "W1,W2,...",
            description = "L2 weight decay per layer, last value repeating. Default: MBPO's 2.5e-5,5e-5,7.5e-5,7.5e-5,1e-4.")
    double[] weightDecay;

    @Option(names = "--bootstrap",
            description = "Each member trains on its own bootstrap resample of the training rows. Default: each member "
                    + "sees all rows in its own order.")
    boolean bootstrap;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed for the split, initialisation and shuffles; same seed and --threads, same bytes. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--precision", paramLabel = "f32|f64", defaultValue = "f32",
            description = "Floating-point precision of weights and arithmetic. Default: ${DEFAULT-VALUE}.")
    String precision;

    @Option(names = "--log-out", paramLabel = "FILE",
            description = "Write the training log (one row per epoch and member: train/holdout loss and MSE, elite) as a "
                    + "table (.csv, .arrow, ...). Default: none.")
    @OutputFile
    String logOut;

    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "Save checkpoints in DIR; rerunning with the same arguments (--max-epochs may grow) continues from "
                    + "the last one. Default: none.")
    Path checkpoint;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "1",
            description = "Epochs between checkpoints (with --checkpoint). Default: ${DEFAULT-VALUE}.")
    int checkpointEvery;

    /** Debugging only: the swap test against the PyTorch reference (bench/dynamics_swap.sh) reads this directory. */
    @Option(names = "--trace-dir", hidden = true, paramLabel = "DIR",
            description = "Write initial weights, holdout split, per-epoch row orders and per-step losses to DIR (.npy, .csv).")
    Path traceDir;

    /** --elites, or its default that follows --members. */
    private int elites() { return elites != null ? elites : TrainOptions.defaultElites(members); }

    @Override
    protected int run() throws Exception {
        TrainOptions.Loss lossKind = parseLoss();
        Activation act = parseActivation();
        Precision prec = parsePrecision();
        Termination term = Termination.parse(termination);
        checkRanges();
        if (logOut != null) Tables.outputFormat(logOut, WriteOptions.defaults());
        Nd4jRuntime.configure(prec, global().threads());

        if (lossKind == TrainOptions.Loss.VAGRAM && value == null) {
            throw new BadInputException("--loss vagram needs a value function", "add --value V.safetensors (from valuekit fit-value)");
        }
        if (lossKind != TrainOptions.Loss.VAGRAM && value != null) {
            throw new BadInputException("--value is only used by --loss vagram", "add --loss vagram, or drop --value");
        }
        StateValue valueFn = value == null ? null : StateValue.of(ValueArtifacts.load(value, ValueArtifacts.VALUE, ValueArtifacts.Q,
                ValueArtifacts.AGENT));
        String valueHash = value == null ? null : sha256(value);
        Batch table = Tables.readAll(input, io().stdin(), readOptions());
        String source = "-".equals(input) ? "stdin" : input;
        TransitionData data = TransitionData.from(table, TransitionColumns.resolve(table.schema(), source), source);
        double[] valueGradient = null;
        if (valueFn != null) {
            valueFn.requireColumns(data.obsNames(), source);
            valueGradient = valueFn.gradientAtNextObs(data);
        }
        if (term.kind() == Termination.Kind.LEARNED && !anyTerminal(data)) {
            log().info("no row is terminal (terminated and not truncated): training without a termination head (--termination none)");
            term = Termination.NONE;
        }
        TrainOptions opts = new TrainOptions(members, elites(), hidden, layers, act, lossKind, term, holdout, holdoutCap, patience,
                maxEpochs, batch, lr, weightDecay == null ? TrainOptions.MBPO_WEIGHT_DECAY : weightDecay, bootstrap, seed,
                checkpoint == null ? 0 : checkpointEvery);
        CheckpointStore store = checkpoint == null ? CheckpointStore.NONE
                : new FileCheckpointStore(checkpoint, fingerprint(source, term, valueHash), log());
        log().info("training on " + data.rows() + " transitions from " + source + " (obs " + data.obsDim() + ", act "
                + data.actDim() + "), " + members + " members of " + layers + " x " + hidden + " " + activation);
        TrainingResult r;
        if (traceDir == null) {
            r = DynamicsTrainer.train(data, opts, store, log(), valueGradient, TrainingTrace.NONE);
        } else {
            try (TrainingTraceFiles trace = new TrainingTraceFiles(traceDir)) {
                r = DynamicsTrainer.train(data, opts, store, log(), valueGradient, trace);
            }
        }

        DynamicsSpec spec = new DynamicsSpec(members, hidden, layers, act, lossKind, prec.name().toLowerCase(Locale.ROOT),
                data.obsNames(), data.actNames(), r.network().normalizer().mean(), r.network().normalizer().std(),
                r.elites(), term, DynamicsSpec.inferActionSpace(data));
        Provenance prov = Provenance.start(commandLine()).seed(seed);
        if ("-".equals(input)) prov.input("stdin"); else prov.input(Path.of(input));
        Map<String, Object> summary = summary(r, lossKind == TrainOptions.Loss.VAGRAM);
        summary.forEach(prov::summary);
        try (AtomicOutput out = openOutput(output)) {
            dev.valuekit.artifact.Artifact artifact = DynamicsArtifacts.toArtifact(r.network(), spec, prov.toJson(), null);
            if (valueFn != null) {
                com.fasterxml.jackson.databind.node.ObjectNode v = artifact.spec().putObject("vagram");
                v.put("value_file", value.toString());
                v.put("value_sha256", valueHash);
                v.put("value_kind", valueFn.fitted().kind());
                v.put("clip_percentile", dev.valuekit.dynamics.VagramWeights.DEFAULT_PERCENTILE);
            }
            dev.valuekit.artifact.Artifacts.write(out, artifact);
            if (logOut != null) writeLog(r);
            out.commit();
        }
        log().metrics("train-model", summary);
        return 0;
    }

    private void writeLog(TrainingResult r) throws java.io.IOException {
        Batch b = TrainingLogTable.of(r.log(), r.elites());
        try (TableWriter w = Tables.create(openOutput(logOut), b.schema(), WriteOptions.defaults())) {
            w.write(b);
            w.finish();
        }
    }

    private static Map<String, Object> summary(TrainingResult r, boolean vagram) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", r.epochs());
        m.put("stopped_early", r.stoppedEarly());
        m.put("train_rows", r.split().train().length);
        m.put("holdout_rows", r.split().holdout().length);
        m.put("holdout_episodes", Arrays.toString(r.split().heldOutEpisodes()));
        m.put("elites", Arrays.toString(r.elites()));
        double[] best = r.bestHoldoutMse();
        double s = 0;
        for (int e : r.elites()) s += best[e];
        // a vagram model is selected by its holdout VaGraM loss, which bestHoldoutMse then holds
        m.put(vagram ? "elite_holdout_vagram_loss" : "elite_holdout_mse", s / r.elites().length);
        if (!r.log().isEmpty()) {
            var last = r.log().get(r.log().size() - 1);
            m.put("final_train_loss", mean(last.trainLoss()));
            double h = mean(last.holdoutLoss());
            if (Double.isFinite(h)) m.put("final_holdout_loss", h);
        }
        return m;
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s / a.length;
    }

    private String commandLine() {
        return "valuekit " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    /**
     * Names everything that shapes the training run, so a checkpoint is only resumed by the same run.
     * --max-epochs is left out on purpose: raising it continues a finished run.
     */
    private String fingerprint(String source, Termination term, String valueHash) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        if (!"-".equals(input)) {
            try (InputStream in = Files.newInputStream(Path.of(input))) {
                byte[] buf = new byte[1 << 16];
                for (int k; (k = in.read(buf)) > 0; ) md.update(buf, 0, k);
            }
        }
        String args = String.join("|", String.valueOf(members), String.valueOf(elites()), String.valueOf(hidden),
                String.valueOf(layers), activation, loss, term.toString(), String.valueOf(holdout), String.valueOf(holdoutCap),
                String.valueOf(patience), String.valueOf(batch), String.valueOf(lr),
                Arrays.toString(weightDecay), String.valueOf(bootstrap), String.valueOf(seed), precision,
                String.valueOf(global().threads()), String.valueOf(valueHash));
        md.update(args.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }

    private static String sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buf = new byte[1 << 16];
            for (int k; (k = in.read(buf)) > 0; ) md.update(buf, 0, k);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static boolean anyTerminal(TransitionData d) {
        for (boolean t : d.terminal()) if (t) return true;
        return false;
    }

    private TrainOptions.Loss parseLoss() {
        return switch (loss.toLowerCase(Locale.ROOT)) {
            case "nll" -> TrainOptions.Loss.NLL;
            case "mse" -> TrainOptions.Loss.MSE;
            case "vagram" -> TrainOptions.Loss.VAGRAM;
            default -> throw new BadInputException("unknown --loss '" + loss + "'", "use nll, mse or vagram");
        };
    }

    private Activation parseActivation() {
        try {
            Activation a = Activation.parse(activation);
            if (a == Activation.IDENTITY) throw new IllegalArgumentException("identity");
            return a;
        } catch (IllegalArgumentException e) {
            throw new BadInputException("unknown --activation '" + activation + "'", "use silu, relu or tanh");
        }
    }

    private Precision parsePrecision() {
        try {
            return Precision.parse(precision);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("unknown --precision '" + precision + "'", "use f32 or f64");
        }
    }

    private void checkRanges() {
        positive("--members", members);
        positive("--hidden", hidden);
        positive("--layers", layers);
        positive("--patience", patience);
        positive("--max-epochs", maxEpochs);
        positive("--batch", batch);
        positive("--holdout-cap", holdoutCap);
        positive("--checkpoint-every", checkpointEvery);
        if (elites() < 1 || elites() > members) {
            throw new BadInputException("--elites must be between 1 and --members (" + members + "), got " + elites, "e.g. --elites 5 with --members 7");
        }
        if (!(holdout >= 0 && holdout < 1)) throw new BadInputException("--holdout must be in [0, 1), got " + holdout, "e.g. --holdout 0.1");
        if (!(lr > 0) || Double.isInfinite(lr)) throw new BadInputException("--lr must be a positive number, got " + lr, "e.g. --lr 1e-3");
        if (weightDecay != null) {
            for (double w : weightDecay) {
                if (!(w >= 0) || Double.isInfinite(w)) throw new BadInputException("--weight-decay values must be >= 0, got " + w, "e.g. --weight-decay 1e-4");
            }
        }
    }

    private static void positive(String name, int v) {
        if (v < 1) throw new BadInputException(name + " must be at least 1, got " + v, "see valuekit train-model --help");
    }
}
