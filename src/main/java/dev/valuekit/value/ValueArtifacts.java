package dev.valuekit.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.artifact.DType;
import dev.valuekit.artifact.Tensor;
import dev.valuekit.common.BadInputException;
import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.EnsembleMlp;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Normalizer;
import dev.valuekit.tensor.Param;
import dev.valuekit.tensor.Precision;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;

/**
 * Value functions as artifacts. Kinds: {@code value} (V critics, tensors {@code value.layer.i.*}),
 * {@code q} (Q critics, {@code q.layer.i.*}) and {@code agent} (Q critics plus the actor,
 * {@code actor.layer.i.*}); weights {@code [members, in, out]}. The spec holds the method, γ, credit,
 * the critic aggregation, each network's architecture, input columns and normaliser, and the actor's
 * action bounds. Target networks are not stored. Spectrally normalised critics are stored with their
 * effective (normalised) hidden weights, {@code critics.spectral_norm: true} and
 * {@code critics.spectral_norm_layers: "all"|"last"}. A discrete-action agent ({@code dqn}, {@code cql}) has no
 * actor: its Q critics read the observation and output one value per action ({@code critics.input: "obs"},
 * {@code critics.outputs: n}), and {@code action_space: {"discrete": n}} records the action space.
 */
public final class ValueArtifacts {
    public static final String VALUE = "value", Q = "q", AGENT = "agent";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ValueArtifacts() {}

    /** What the spec records besides the networks. */
    public record Meta(String method, double gamma, Credit credit, Aggregation aggregation, String[] obsColumns,
                       String[] actColumns, Mlp criticArch, Mlp actorArch, ObjectNode extra) {}

    public static Artifact toArtifact(String kind, Meta m, CriticEnsemble critics, TanhGaussianActor actor, ObjectNode provenance) {
        ObjectNode s = JSON.createObjectNode();
        s.put("method", m.method());
        s.put("gamma", m.gamma());
        s.put("credit", m.credit().name().toLowerCase(Locale.ROOT));
        s.put("critic_target", m.aggregation().toString());
        s.put("precision", critics.network().precision().name().toLowerCase(Locale.ROOT));
        strings(s.putArray("obs_columns"), m.obsColumns());
        strings(s.putArray("act_columns"), m.actColumns());
        if (critics.actions() > 0) s.putObject("action_space").put("discrete", critics.actions());
        ObjectNode c = s.putObject("critics");
        c.put("members", critics.members());
        c.put("input", kind.equals(VALUE) || critics.actions() > 0 ? "obs" : "obs+act");
        if (critics.actions() > 0) c.put("outputs", critics.actions());
        arch(c, m.criticArch());
        // The stored weights are already W/σ: consumers read an ordinary network; this only records how it was trained.
        c.put("spectral_norm", critics.spectralNorm() != null);
        if (critics.spectralNorm() != null) {
            c.put("spectral_norm_layers", critics.spectralNorm().scope().name().toLowerCase(Locale.ROOT));
        }
        normalizer(c, critics.normalizer());
        if (actor != null) {
            ObjectNode a = s.putObject("actor");
            a.put("distribution", "tanh-gaussian");
            arch(a, m.actorArch());
            normalizer(a, actor.normalizer());
            doubles(a.putArray("action_low"), actor.low());
            doubles(a.putArray("action_high"), actor.high());
        }
        if (m.extra() != null) s.set("training", m.extra());
        LinkedHashMap<String, Tensor> t = new LinkedHashMap<>();
        put(t, critics.network());
        if (actor != null) put(t, actor.network());
        return new Artifact(kind, s, provenance, t);
    }

    /** Loads a value, q or agent artifact; {@code kinds} lists the acceptable kinds. */
    public static FittedValue load(Path p, String... kinds) {
        String src = p.toString();
        Artifact a = Artifacts.read(p);
        if (!java.util.Arrays.asList(kinds).contains(a.kind())) {
            throw BadInputException.inFile("model of kind " + a.kind() + " where a " + String.join(" or ", kinds) + " model is needed",
                    src, "give a file written by valuekit fit-value" + (kinds.length == 1 && kinds[0].equals(AGENT) ? " --method sac" : ""));
        }
        ValueSpecCheck.check(a, src);
        try {
            JsonNode s = a.spec();
            String[] obs = strings(s.get("obs_columns"));
            String[] act = strings(s.get("act_columns"));
            JsonNode c = s.get("critics");
            String prefix = a.kind().equals(VALUE) ? VALUE : Q;
            // the networks compute in the precision the file stores (nothing process-wide changes)
            Precision precision = s.has("precision") ? Precision.parse(s.get("precision").asText())
                    : Precision.ofStored(a.tensors().values().iterator().next().dtype().name());
            int actions = discreteActions(s);
            CriticEnsemble critics = actions > 0
                    ? CriticEnsemble.discrete(prefix, c.get("members").asInt(), normalizer(c), arch(c), 1e-3, 0, actions, precision)
                    : new CriticEnsemble(prefix, c.get("members").asInt(), normalizer(c), arch(c), 1e-3, 0, null, precision);
            fill(critics.network(), a, src);
            critics.hardUpdate();
            TanhGaussianActor actor = null;
            if (a.kind().equals(AGENT) && actions == 0) {
                JsonNode an = s.get("actor");
                actor = new TanhGaussianActor(normalizer(an), doubleArray(an.get("action_low")), doubleArray(an.get("action_high")),
                        arch(an), 1e-3, 0, precision);
                fill(actor.network(), a, src);
            }
            return new FittedValue(a.kind(), src, s.get("method").asText(), s.get("gamma").asDouble(),
                    Aggregation.parse(s.get("critic_target").asText()), obs, act, critics, actor);
        } catch (NullPointerException | IllegalArgumentException e) {
            if (e instanceof BadInputException b) throw b;
            throw BadInputException.inFile("malformed " + a.kind() + " model spec: " + e.getMessage(), src,
                    "re-create the file with valuekit fit-value");
        }
    }

    /** The number of discrete actions a Q model's outputs cover ({@code action_space.discrete}), 0 for continuous ones. */
    static int discreteActions(JsonNode spec) {
        JsonNode n = spec.path("action_space").path("discrete");
        return n.isMissingNode() ? 0 : n.asInt();
    }

    private static void put(LinkedHashMap<String, Tensor> t, EnsembleMlp net) {
        DType dt = net.precision() == Precision.F64 ? DType.F64 : DType.F32;
        for (Param p : net.params().list()) t.put(p.name(), new Tensor(p.name(), dt, p.shape(), p.toDoubleArray()));
    }

    private static void fill(EnsembleMlp net, Artifact a, String src) {
        for (Param p : net.params().list()) {
            Tensor t = a.tensor(p.name(), src);
            if (!java.util.Arrays.equals(t.shape(), p.shape())) {
                throw BadInputException.inFile("tensor " + p.name() + " has shape " + java.util.Arrays.toString(t.shape())
                        + ", the spec implies " + java.util.Arrays.toString(p.shape()), src, "re-create the file with valuekit fit-value");
            }
            p.set(t.data());
        }
    }

    private static void arch(ObjectNode o, Mlp m) {
        ArrayNode h = o.putArray("hidden");
        for (int w : m.hidden()) h.add(w);
        o.put("activation", m.activation().name().toLowerCase(Locale.ROOT));
    }

    private static Mlp arch(JsonNode o) {
        JsonNode h = o.get("hidden");
        int[] w = new int[h.size()];
        for (int i = 0; i < w.length; i++) w[i] = h.get(i).asInt();
        return new Mlp(w, Activation.parse(o.get("activation").asText()));
    }

    private static void normalizer(ObjectNode o, Normalizer n) {
        ObjectNode z = o.putObject("normalizer");
        doubles(z.putArray("mean"), n.mean());
        doubles(z.putArray("std"), n.std());
    }

    private static Normalizer normalizer(JsonNode o) {
        JsonNode z = o.get("normalizer");
        return Normalizer.of(doubleArray(z.get("mean")), doubleArray(z.get("std")));
    }

    private static void strings(ArrayNode a, String[] v) { for (String s : v) a.add(s); }

    private static void doubles(ArrayNode a, double[] v) { for (double x : v) a.add(x); }

    private static String[] strings(JsonNode a) {
        String[] s = new String[a.size()];
        for (int i = 0; i < s.length; i++) s[i] = a.get(i).asText();
        return s;
    }

    private static double[] doubleArray(JsonNode a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) d[i] = a.get(i).asDouble();
        return d;
    }
}
