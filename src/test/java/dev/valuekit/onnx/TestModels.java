package dev.valuekit.onnx;

import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.artifact.Provenance;
import dev.valuekit.cltv.CltvNetwork;
import dev.valuekit.cltv.CustomerEncoder;
import dev.valuekit.cltv.NetworkShape;
import dev.valuekit.cltv.NeuralArtifacts;
import dev.valuekit.cltv.NeuralModelType;
import dev.valuekit.cltv.NeuralTrainOptions;
import dev.valuekit.cltv.NeuralTrainer;
import dev.valuekit.cltv.OptDistObjective;
import dev.valuekit.cltv.ZilnBounds;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.dynamics.DynamicsArtifacts;
import dev.valuekit.dynamics.DynamicsNetwork;
import dev.valuekit.dynamics.DynamicsSpec;
import dev.valuekit.dynamics.Termination;
import dev.valuekit.dynamics.TrainOptions;
import dev.valuekit.env.ActionSpace;
import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Normalizer;
import dev.valuekit.tensor.Param;
import dev.valuekit.tensor.Params;
import dev.valuekit.value.Aggregation;
import dev.valuekit.value.CriticEnsemble;
import dev.valuekit.value.Credit;
import dev.valuekit.value.Mlp;
import dev.valuekit.value.TanhGaussianActor;
import dev.valuekit.value.ValueArtifacts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Model files with random weights (biases and bounds included, so every parameter matters), written as
 * valuekit writes them, for the parity tests. Observations are 3 columns, actions 1, like pendulum.
 */
final class TestModels {
    static final String[] OBS = {"obs_0", "obs_1", "obs_2"};
    static final String[] ACT = {"act_0"};

    private TestModels() {}

    static Normalizer normalizer(SplittableRandom rng, int width) {
        double[] mean = new double[width], std = new double[width];
        for (int j = 0; j < width; j++) {
            mean[j] = rng.nextDouble(-2, 2);
            std[j] = rng.nextDouble(0.3, 3);
        }
        return Normalizer.of(mean, std);
    }

    /** Raw rows around a normaliser's statistics (1.5 standard deviations wide). */
    static double[] rows(SplittableRandom rng, Normalizer n, int rows) {
        double[] mean = n.mean(), std = n.std();
        double[] x = new double[rows * n.width()];
        for (int i = 0; i < x.length; i++) x[i] = mean[i % mean.length] + 1.5 * std[i % mean.length] * rng.nextGaussian();
        return x;
    }

    /**
     * Trained-network scales: weights {@code [members, in, out]} with std 1/√in (twice valuekit's initial
     * 1/(2√in)), every other parameter (biases, embeddings) with std 0.1 around {@code 0}.
     */
    static void randomize(Params params, SplittableRandom rng) {
        for (Param p : params.list()) {
            long[] s = p.shape();
            double std = s.length == 3 && s[1] > 1 ? 1 / Math.sqrt(s[1]) : 0.1;
            double[] v = new double[(int) p.size()];
            for (int i = 0; i < v.length; i++) v[i] = std * rng.nextGaussian();
            p.set(v);
        }
    }

    /** A value (actor null, kind value), q or agent file. */
    static Path valueFile(Path dir, String kind, Activation act, Aggregation agg, int members, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        boolean q = !kind.equals(ValueArtifacts.VALUE);
        Mlp arch = new Mlp(new int[] {24, 16}, act);
        int in = OBS.length + (q ? ACT.length : 0);
        CriticEnsemble critics = new CriticEnsemble(q ? "q" : "value", members, normalizer(rng, in), arch, 1e-3, seed);
        randomize(critics.network().params(), rng);
        TanhGaussianActor actor = null;
        if (kind.equals(ValueArtifacts.AGENT)) {
            actor = new TanhGaussianActor(normalizer(rng, OBS.length), new double[] {-2}, new double[] {2}, arch, 1e-3, seed);
            randomize(actor.network().params(), rng);
        }
        var meta = new ValueArtifacts.Meta(q ? "sac" : "mc", 0.99, Credit.SUM, agg, OBS, q ? ACT : new String[0], arch, arch, null);
        return write(dir.resolve(kind + "-" + seed + ".safetensors"), ValueArtifacts.toArtifact(kind, meta, critics, actor, provenance()));
    }

    /**
     * A dynamics file: 5 members, elites {3, 0, 4}; NLL or MSE; learned termination or none; weights in the
     * runtime's precision (configure it first).
     */
    static Path dynamicsFile(Path dir, TrainOptions.Loss loss, boolean learnedTermination, Activation act, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        Normalizer norm = normalizer(rng, OBS.length + ACT.length);
        Termination term = learnedTermination ? Termination.LEARNED : Termination.NONE;
        String precision = Nd4jRuntime.defaultPrecision().name().toLowerCase(java.util.Locale.ROOT);
        DynamicsSpec spec = new DynamicsSpec(5, 20, 2, act, loss, precision, OBS, ACT, norm.mean(), norm.std(), new int[] {3, 0, 4},
                term, ActionSpace.box(new double[] {-2}, new double[] {2}));
        DynamicsNetwork net = new DynamicsNetwork(5, OBS.length + ACT.length, OBS.length + 1, new int[] {20, 20}, act,
                loss == TrainOptions.Loss.NLL, learnedTermination, norm, seed);
        randomize(net.params(), rng);
        if (net.nll() != null) {
            net.nll().maxLogVar().set(new double[] {0.4, 0.1, -0.3, 0.6});
            net.nll().minLogVar().set(new double[] {-8, -6, -9, -5});
        }
        return write(dir.resolve("dyn-" + seed + ".safetensors"), DynamicsArtifacts.toArtifact(net, spec, provenance(), null));
    }

    /**
     * A neural CLTV file: numeric recency, frequency, spend; categorical channel and region. {@code bounds}
     * are the ZILN bounds recorded in its spec.
     */
    static Path cltvFile(Path dir, NeuralModelType type, CustomerEncoder.Transform transform, ZilnBounds bounds, long seed)
            throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> numeric = List.of("recency", "frequency", "total_spend");
        double[] mean = {1.5, 0.8, 3.0}, std = {0.7, 0.5, 1.8};
        if (transform == CustomerEncoder.Transform.NONE) {
            mean = new double[] {30, 3, 120};
            std = new double[] {20, 2, 90};
        }
        CustomerEncoder enc = new CustomerEncoder(numeric, transform, Normalizer.of(mean, std), List.of("channel", "region"),
                List.of(List.of("app", "store", "web"), List.of("east", "north", "south", "west")));
        int subs = type == NeuralModelType.OPTDIST ? 3 : 1;
        CltvNetwork net = new CltvNetwork(new NetworkShape(type, new int[] {16, 8}, Activation.RELU, subs, 4), enc, seed);
        randomize(net.params(), rng);
        net.refreshEmbeddings();
        var options = new NeuralTrainOptions(1, 32, 1e-3, seed, 1, 2, OptDistObjective.SubLoss.ALL, 1, 0.1);
        var summary = new NeuralTrainer.Summary(new double[] {1}, new double[] {1}, new int[subs], bounds);
        return write(dir.resolve(type.label() + "-" + seed + ".safetensors"),
                NeuralArtifacts.toArtifact(net, "customer_id", "ltv", options, summary, provenance()));
    }

    /** Customer rows for {@link #cltvFile}: non-negative numbers (some zero), categories incl. unseen and empty ones. */
    static Customers customers(SplittableRandom rng, int n) {
        double[] recency = new double[n], frequency = new double[n], spend = new double[n];
        String[] channel = new String[n], region = new String[n];
        String[] channels = {"app", "store", "web", "fax", ""}, regions = {"east", "north", "south", "west", "moon"};
        for (int i = 0; i < n; i++) {
            recency[i] = Math.floor(rng.nextDouble(0, 90));
            frequency[i] = i % 7 == 0 ? 0 : Math.floor(rng.nextDouble(0, 9));
            spend[i] = frequency[i] == 0 ? 0 : Math.round(rng.nextDouble(1, 400) * 100) / 100.0;
            channel[i] = channels[rng.nextInt(channels.length)];
            region[i] = regions[rng.nextInt(regions.length)];
        }
        return new Customers(recency, frequency, spend, channel, region);
    }

    record Customers(double[] recency, double[] frequency, double[] spend, String[] channel, String[] region) {
        int rows() { return recency.length; }

        List<String> ids() {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < rows(); i++) ids.add("c" + i);
            return ids;
        }
    }

    private static Path write(Path p, Artifact a) throws IOException {
        try (AtomicOutput out = AtomicOutput.open(p.toString(), null)) {
            Artifacts.write(out, a);
            out.commit();
        }
        return p;
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode provenance() {
        return Provenance.start("test").created(java.time.Instant.EPOCH).toJson();
    }
}
