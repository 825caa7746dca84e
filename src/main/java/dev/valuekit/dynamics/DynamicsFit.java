package dev.valuekit.dynamics;

import dev.valuekit.table.Transitions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Provenance;
import dev.valuekit.artifact.RunContext;
import dev.valuekit.common.BadInputException;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.TransitionNames;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Precision;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code train-model} as a library call: a transitions file → a dynamics model artifact with its spec
 * and provenance, byte for byte what the command line writes for the same options and seed.
 */
public final class DynamicsFit {
    private DynamicsFit() {}

    /**
     * @param input      transitions table ({@code -} = the given stdin)
     * @param columns    the names of its parts (null = canonical)
     * @param train      the training recipe (seed included)
     * @param precision  of weights and arithmetic
     * @param value      VaGraM's value function (with {@code Loss.VAGRAM} only), else null
     * @param valueFile  the file it was read from, recorded with its hash (null without a value)
     * @param checkpoint directory to checkpoint into and resume from; null = none
     * @param traceDir   debugging: initial weights, split, row orders and step losses go here; null = none
     */
    public record Options(String input, TransitionNames columns, TrainOptions train, Precision precision, VagramValue value, Path valueFile,
                          Path checkpoint, Path traceDir) {
        public Options {
            if (input == null) throw new BadInputException("no transitions given", "add -i DATA");
            if (columns == null) columns = TransitionNames.CANONICAL;
            if (precision == null) precision = Precision.F32;
            boolean vagram = train.loss() == TrainOptions.Loss.VAGRAM;
            if (vagram && value == null) {
                throw new BadInputException("--loss vagram needs a value function", "add --value V.safetensors (from valuekit fit-value)");
            }
            if (!vagram && value != null) throw new BadInputException("--value is only used by --loss vagram", "add --loss vagram, or drop --value");
        }
    }

    /** The model, the training run behind it, and the summary its provenance records. */
    public record Result(Artifact artifact, TrainingResult training, Map<String, Object> summary) {}

    public static Result fit(Options o, InputStream stdin, RunContext run, ProgressListener log) throws IOException {
        String valueHash = o.valueFile() == null ? null : Provenance.sha256(o.valueFile());
        Transitions data = Transitions.read(o.input(), stdin, ReadOptions.defaults().withListener(log), o.columns());
        String source = data.source();
        double[] valueGradient = null;
        if (o.value() != null) {
            o.value().requireColumns(data.obsNames(), source);
            valueGradient = o.value().gradientAtNextObs(data);
        }
        TrainOptions opts = o.train();
        if (opts.termination().kind() == Termination.Kind.LEARNED && !anyTerminal(data)) {
            log.info("no row is terminal (terminated and not truncated): training without a termination head (--termination none)");
            opts = opts.withTermination(Termination.NONE);
        }
        CheckpointStore store = o.checkpoint() == null ? CheckpointStore.NONE
                : new FileCheckpointStore(o.checkpoint(), fingerprint(o, opts, valueHash), log);
        log.info("training on " + data.rows() + " transitions from " + source + " (obs " + data.obsDim() + ", act "
                + data.actDim() + "), " + opts.members() + " members of " + opts.layers() + " x " + opts.hidden() + " "
                + label(opts.activation()));
        TrainingResult r;
        if (o.traceDir() == null) {
            r = DynamicsTrainer.train(data, opts, store, log, valueGradient, TrainingTrace.NONE);
        } else {
            try (TrainingTraceFiles trace = new TrainingTraceFiles(o.traceDir())) {
                r = DynamicsTrainer.train(data, opts, store, log, valueGradient, trace);
            }
        }
        DynamicsSpec spec = new DynamicsSpec(opts.members(), opts.hidden(), opts.layers(), opts.activation(), opts.loss(),
                label(o.precision()), data.obsNames(), data.actNames(), r.network().normalizer().mean(),
                r.network().normalizer().std(), r.elites(), opts.termination(), DynamicsSpec.inferActionSpace(data));
        Provenance prov = run.provenance(opts.seed()).input(o.input());
        Map<String, Object> summary = summary(r, opts.loss() == TrainOptions.Loss.VAGRAM);
        summary.forEach(prov::summary);
        Artifact artifact = DynamicsArtifacts.toArtifact(r.network(), spec, prov.toJson(), null);
        if (o.value() != null) {
            ObjectNode v = artifact.spec().putObject("vagram");
            v.put("value_file", o.valueFile().toString());
            v.put("value_sha256", valueHash);
            v.put("value_kind", o.value().kind());
            v.put("clip_percentile", VagramWeights.DEFAULT_PERCENTILE);
        }
        return new Result(artifact, r, summary);
    }

    private static String label(Enum<?> e) { return e.name().toLowerCase(Locale.ROOT); }

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

    private static boolean anyTerminal(Transitions d) {
        for (boolean t : d.terminal()) if (t) return true;
        return false;
    }

    /**
     * Names everything that shapes the training run, so a checkpoint is only resumed by the same run.
     * --max-epochs is left out on purpose: raising it continues a finished run.
     */
    private static String fingerprint(Options o, TrainOptions t, String valueHash) throws IOException {
        String args = String.join("|", "-".equals(o.input()) ? "-" : Provenance.sha256(Path.of(o.input())),
                String.valueOf(t.members()), String.valueOf(t.elites()), String.valueOf(t.hidden()),
                String.valueOf(t.layers()), label(t.activation()), label(t.loss()), t.termination().toString(),
                String.valueOf(t.holdout()), String.valueOf(t.holdoutCap()), String.valueOf(t.patience()), String.valueOf(t.batch()),
                String.valueOf(t.learningRate()), Arrays.toString(t.weightDecay()), String.valueOf(t.bootstrap()),
                String.valueOf(t.seed()), label(o.precision()), String.valueOf(Nd4jRuntime.threads()), String.valueOf(valueHash), o.columns().toString());
        return Provenance.sha256(args.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
