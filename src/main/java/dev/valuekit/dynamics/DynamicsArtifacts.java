package dev.valuekit.dynamics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.artifact.DType;
import dev.valuekit.artifact.Tensor;
import dev.valuekit.common.BadInputException;
import dev.valuekit.env.ActionSpace;
import dev.valuekit.env.Environments;
import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Normalizer;
import dev.valuekit.tensor.Param;
import dev.valuekit.tensor.Precision;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A learned dynamics model as a {@code dynamics} artifact and back. Tensors are the network's
 * parameters under their own names ({@code dynamics.layer.i.weight} [members, in, out],
 * {@code dynamics.max_logvar}, {@code termination.layer.i.*}); everything else is in the spec.
 */
public final class DynamicsArtifacts {
    public static final String KIND = "dynamics";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DynamicsArtifacts() {}

    public static Artifact toArtifact(DynamicsNetwork net, DynamicsSpec spec, ObjectNode provenance,
                                      Map<String, double[]> extra) {
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        DType dt = net.precision() == Precision.F64 ? DType.F64 : DType.F32;
        for (Param p : net.params().list()) tensors.put(p.name(), new Tensor(p.name(), dt, p.shape(), p.toDoubleArray()));
        if (extra != null) {
            for (Map.Entry<String, double[]> e : extra.entrySet()) {
                tensors.put(e.getKey(), new Tensor(e.getKey(), dt, new long[] {e.getValue().length}, e.getValue()));
            }
        }
        return new Artifact(KIND, specJson(spec), provenance, tensors);
    }

    public static ObjectNode specJson(DynamicsSpec s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("model", "probabilistic-ensemble");
        ObjectNode a = o.putObject("architecture");
        a.put("members", s.members());
        a.put("hidden", s.hidden());
        a.put("layers", s.layers());
        a.put("activation", s.activation().name().toLowerCase(java.util.Locale.ROOT));
        a.put("loss", s.loss().name().toLowerCase(java.util.Locale.ROOT));
        a.put("precision", s.precision());
        strings(o.putArray("obs_columns"), s.obsColumns());
        strings(o.putArray("act_columns"), s.actColumns());
        ArrayNode t = o.putArray("targets");
        for (String c : s.obsColumns()) t.add("delta_" + c);
        t.add("reward");
        ObjectNode n = o.putObject("input_normalizer");
        doubles(n.putArray("mean"), s.inputMean());
        doubles(n.putArray("std"), s.inputStd());
        ArrayNode e = o.putArray("elites");
        for (int i : s.elites()) e.add(i);
        o.put("termination", s.termination().toString());
        ObjectNode sp = o.putObject("action_space");
        ActionSpace as = s.actionSpace();
        if (as.isDiscrete()) {
            sp.put("discrete", as.n());
        } else {
            ArrayNode lo = sp.putArray("low"), hi = sp.putArray("high");
            for (int j = 0; j < as.dim(); j++) { lo.add(as.low(j)); hi.add(as.high(j)); }
        }
        return o;
    }

    /** Reads a dynamics artifact into a ready network; malformed specs are bad input naming the file. */
    public static Loaded load(Path path) {
        Artifact a = Artifacts.read(path, KIND);
        String src = path.toString();
        DynamicsSpecCheck.check(a, src);
        try {
            DynamicsSpec spec = parseSpec(a.spec());
            // weights run in the precision they were trained in (an f64 model must not be rounded to f32);
            // nothing process-wide changes, so models of both precisions work side by side
            DynamicsNetwork net = network(spec);
            for (Param p : net.params().list()) {
                Tensor t = a.tensor(p.name(), src);
                if (!java.util.Arrays.equals(t.shape(), p.shape())) {
                    throw BadInputException.inFile("tensor " + p.name() + " has shape " + java.util.Arrays.toString(t.shape())
                            + " but the spec implies " + java.util.Arrays.toString(p.shape()), src, "the file is damaged; retrain it");
                }
                p.set(t.data());
            }
            return new Loaded(spec, net, a);
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw BadInputException.inFile("malformed dynamics model spec (" + e.getMessage() + ")", src,
                    "the file is damaged or from an incompatible valuekit; retrain it with valuekit train-model");
        }
    }

    /** A loaded artifact: its spec, the network with weights set, and the raw artifact (extra tensors, provenance). */
    public record Loaded(DynamicsSpec spec, DynamicsNetwork network, Artifact artifact) {}

    /** An untrained network shaped by the spec (weights are overwritten by the caller). */
    static DynamicsNetwork network(DynamicsSpec s) {
        int[] hidden = new int[s.layers()];
        java.util.Arrays.fill(hidden, s.hidden());
        return new DynamicsNetwork(s.members(), s.inputDim(), s.targetDim(), hidden, s.activation(),
                s.loss() == TrainOptions.Loss.NLL, s.termination().kind() == Termination.Kind.LEARNED,
                Normalizer.of(s.inputMean(), s.inputStd()), 0, Precision.parse(s.precision()));
    }

    static DynamicsSpec parseSpec(ObjectNode o) {
        JsonNode a = req(o, "architecture");
        JsonNode sp = req(o, "action_space");
        ActionSpace as = sp.has("discrete") ? ActionSpace.discrete(sp.get("discrete").asInt())
                : ActionSpace.box(doubles(req(sp, "low")), doubles(req(sp, "high")));
        JsonNode n = req(o, "input_normalizer");
        String term = req(o, "termination").asText();
        Termination t = Termination.parse(term);
        if (t.kind() == Termination.Kind.ENV) Environments.spec(t.env());
        return new DynamicsSpec(req(a, "members").asInt(), req(a, "hidden").asInt(), req(a, "layers").asInt(),
                Activation.parse(req(a, "activation").asText()),
                TrainOptions.Loss.valueOf(req(a, "loss").asText().toUpperCase(java.util.Locale.ROOT)),
                req(a, "precision").asText(), strings(req(o, "obs_columns")), strings(req(o, "act_columns")),
                doubles(req(n, "mean")), doubles(req(n, "std")), ints(req(o, "elites")), t, as);
    }

    private static JsonNode req(JsonNode o, String key) {
        if (o == null || !o.has(key)) throw new IllegalArgumentException("missing '" + key + "'");
        return o.get(key);
    }

    private static void strings(ArrayNode a, String[] v) { for (String s : v) a.add(s); }
    private static void doubles(ArrayNode a, double[] v) { for (double d : v) a.add(d); }

    private static String[] strings(JsonNode a) {
        String[] s = new String[a.size()];
        for (int i = 0; i < s.length; i++) s[i] = a.get(i).asText();
        return s;
    }

    private static double[] doubles(JsonNode a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) d[i] = a.get(i).asDouble();
        return d;
    }

    private static int[] ints(JsonNode a) {
        int[] d = new int[a.size()];
        for (int i = 0; i < d.length; i++) d[i] = a.get(i).asInt();
        return d;
    }
}
