package dev.valuekit.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valuekit.common.BadInputException;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed, bounded reads of a model file's {@code valuekit.spec}, for the per-kind validators that run
 * before a loader builds anything from it. Every problem is a {@link BadInputException} naming the
 * field by its path ({@code architecture.members}, {@code elites[0]}), so a damaged spec is exit 2
 * rather than an index error deep inside a network; and sizes are checked against the tensors the
 * file actually holds before anything is allocated from them.
 */
public final class SpecCheck {
    private static final String FIX = "the file is damaged or was not written by this valuekit; re-create it";

    private final Artifact artifact;
    private final String source;
    private final String what;

    public SpecCheck(Artifact artifact, String source) {
        this.artifact = artifact;
        this.source = source;
        this.what = artifact.kind() + " model spec";
        if (artifact.spec() == null) throw BadInputException.inFile(what + " is missing (no valuekit.spec)", source, FIX);
    }

    /** A problem with one field. */
    public BadInputException bad(String path, String problem) {
        return BadInputException.inFile(what + ": '" + path + "' " + problem, source, FIX);
    }

    /** The node at a dotted path, or null when absent. */
    public JsonNode find(String path) {
        JsonNode n = artifact.spec();
        for (String key : path.split("\\.")) {
            n = n == null ? null : n.get(key);
        }
        return n == null || n.isMissingNode() || n.isNull() ? null : n;
    }

    public boolean has(String path) { return find(path) != null; }

    /** The node at {@code path}; absent is an error. */
    public JsonNode node(String path) {
        JsonNode n = find(path);
        if (n == null) throw bad(path, "is missing");
        return n;
    }

    public String text(String path) {
        JsonNode n = node(path);
        if (!n.isTextual()) throw bad(path, "is not a string");
        return n.textValue();
    }

    /** A string field that {@code parser} accepts (it throws on anything else). */
    public <T> T parsed(String path, Function<String, T> parser) {
        String s = text(path);
        try {
            return parser.apply(s);
        } catch (RuntimeException e) {
            throw bad(path, "= '" + s + "' is not a known value");
        }
    }

    public int integer(String path, int min, int max) {
        return checkInt(node(path), path, min, max);
    }

    public double number(String path, double min, double max) {
        JsonNode n = node(path);
        if (!n.isNumber() || !(n.asDouble() >= min && n.asDouble() <= max)) {
            throw bad(path, "= " + n + " is not a number in [" + min + ", " + max + "]");
        }
        return n.asDouble();
    }

    /** An array of integers in [min, max]; {@code length} -1 for any length, else exactly that many. */
    public int[] integers(String path, int length, int min, int max) {
        JsonNode a = array(path, length);
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = checkInt(a.get(i), path + "[" + i + "]", min, max);
        return out;
    }

    /** An array of finite numbers, exactly {@code length} of them (-1: any). */
    public double[] numbers(String path, int length) {
        JsonNode a = array(path, length);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode x = a.get(i);
            if (!x.isNumber() || !Double.isFinite(x.asDouble())) throw bad(path + "[" + i + "]", "= " + x + " is not a finite number");
            out[i] = x.asDouble();
        }
        return out;
    }

    /** Standard deviations: {@link #numbers}, each > 0. */
    public double[] positives(String path, int length) {
        double[] v = numbers(path, length);
        for (int i = 0; i < v.length; i++) if (!(v[i] > 0)) throw bad(path + "[" + i + "]", "= " + v[i] + " is not > 0");
        return v;
    }

    /** Column names: non-empty, distinct strings; at least {@code min} of them. */
    public String[] names(String path, int min) {
        JsonNode a = array(path, -1);
        if (a.size() < min) throw bad(path, "has " + a.size() + " names, at least " + min + " needed");
        String[] out = new String[a.size()];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < out.length; i++) {
            JsonNode x = a.get(i);
            if (!x.isTextual() || x.textValue().isEmpty()) throw bad(path + "[" + i + "]", "is not a non-empty string");
            if (!seen.add(x.textValue())) throw bad(path + "[" + i + "]", "repeats the name '" + x.textValue() + "'");
            out[i] = x.textValue();
        }
        return out;
    }

    /** Requires the tensor and returns its shape. */
    public long[] shape(String tensor) {
        Tensor t = artifact.tensors().get(tensor);
        if (t == null) throw BadInputException.inFile(what + " needs tensor '" + tensor + "', which the file lacks", source, FIX);
        return t.shape();
    }

    /** Requires the tensor to have exactly {@code expected} as its shape, which the spec implies. */
    public void shape(String tensor, long... expected) {
        long[] s = shape(tensor);
        if (!Arrays.equals(s, expected)) {
            throw BadInputException.inFile("tensor '" + tensor + "' has shape " + Arrays.toString(s) + " but the " + what
                    + " implies " + Arrays.toString(expected), source, FIX);
        }
    }

    public boolean hasTensor(String tensor) { return artifact.tensors().containsKey(tensor); }

    /**
     * The weights of an ensemble MLP as valuekit stores them: {@code <prefix>.layer.i.weight}
     * [members, in, out] for each layer, inputs → hidden… → outputs, and no layer beyond the last.
     */
    public void mlp(String prefix, int members, int inputs, int[] hidden, int outputs) {
        int in = inputs;
        for (int i = 0; i <= hidden.length; i++) {
            int out = i == hidden.length ? outputs : hidden[i];
            shape(prefix + ".layer." + i + ".weight", members, in, out);
            in = out;
        }
        String extra = prefix + ".layer." + (hidden.length + 1) + ".weight";
        if (hasTensor(extra)) {
            throw BadInputException.inFile("the " + what + " describes " + hidden.length + " hidden layers but the file has tensor '"
                    + extra + "'", source, FIX);
        }
    }

    private JsonNode array(String path, int length) {
        JsonNode a = node(path);
        if (!a.isArray()) throw bad(path, "is not an array");
        if (length >= 0 && a.size() != length) throw bad(path, "has " + a.size() + " entries, " + length + " expected");
        return a;
    }

    private int checkInt(JsonNode n, String path, int min, int max) {
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
            throw bad(path, "= " + n + " is not an integer in " + min + ".." + max);
        }
        return n.intValue();
    }
}
