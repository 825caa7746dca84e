package dev.valuekit.cli;

import dev.valuekit.artifact.Artifacts;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.dynamics.DynamicsFit;
import dev.valuekit.dynamics.Termination;
import dev.valuekit.dynamics.TrainOptions;
import dev.valuekit.fit.TrainingLogTable;
import dev.valuekit.table.Tables;
import dev.valuekit.table.WriteOptions;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.value.StateValue;
import dev.valuekit.value.ValueArtifacts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

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
            "  valuekit evaluate model --model cp.safetensors --input cartpole-test.arrow"
        })
public final class TrainModelCommand extends BaseCommand {
    @Option(names = {"-i", "--input"}, required = true, paramLabel = "DATA",
            description = "Transitions table (Arrow IPC file or stream, Parquet, CSV, CSV.gz, D4RL/Minari HDF5, npz; '-' is stdin) with obs_*, act_*, reward, "
                    + "next_obs_*, terminated, truncated and optionally episode.")
    String input;

    @Mixin
    TransitionColumnOptions columns = new TransitionColumnOptions();

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

    @Mixin
    NetworkShapeOptions shape = new NetworkShapeOptions(200, 4, NetworkShapeOptions.HiddenActivation.SILU);

    @Option(names = "--loss", paramLabel = "nll|mse|vagram", defaultValue = "nll",
            description = "nll: Gaussian negative log-likelihood (probabilistic members); mse: deterministic members; "
                    + "vagram: deterministic members trained on VaGraM's value-gradient weighted loss (needs --value, see there). "
                    + "Default: ${DEFAULT-VALUE}.")
    TrainOptions.Loss loss;

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

    @Mixin
    SeedOption seed = new SeedOption();

    @Mixin
    PrecisionOption precision = new PrecisionOption();

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

    @Override
    protected int run() throws Exception {
        TrainOptions train = new TrainOptions(members, elites != null ? elites : TrainOptions.defaultElites(members), shape.hidden(), shape.layers(), shape.activation(), loss,
                Termination.parse(termination), holdout, holdoutCap, patience, maxEpochs, batch, lr, weightDecay, bootstrap,
                seed.seed(), checkpoint == null ? 0 : checkpointEvery);
        if (logOut != null) Tables.outputFormat(logOut, WriteOptions.defaults());
        Nd4jRuntime.configure(precision.precision(), global().threads());
        StateValue valueFn = value == null ? null
                : StateValue.of(ValueArtifacts.load(value, ValueArtifacts.VALUE, ValueArtifacts.Q, ValueArtifacts.AGENT));
        DynamicsFit.Options options = new DynamicsFit.Options(input, columns.names(), train, precision.precision(), valueFn, value, checkpoint, traceDir);
        DynamicsFit.Result r = DynamicsFit.fit(options, io().stdin(), runContext(), log());
        try (AtomicOutput out = openOutput(output)) {
            Artifacts.write(out, r.artifact());
            if (logOut != null) writeTable(logOut, TrainingLogTable.of(r.training().log(), r.training().elites()));
            out.commit();
        }
        log().metrics("train-model", r.summary());
        return 0;
    }
}
