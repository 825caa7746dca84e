package dev.valuekit.artifact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A description of a safetensors file for {@code valuekit inspect}: the valuekit metadata (kind,
 * format, spec, provenance), any other metadata, and per-tensor statistics, rendered as text for
 * people or as one JSON document for scripts.
 */
public record Inspection(String source, long fileBytes, Map<String, String> metadata, Artifact artifact,
                         List<TensorSummary> tensors) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    public static Inspection of(Path p) {
        SafetensorsFile f = SafetensorsReader.read(p);
        Artifact a = Artifacts.fromFile(f, p.toString());
        List<TensorSummary> stats = new ArrayList<>();
        for (Tensor t : f.tensors().values()) stats.add(TensorSummary.of(t));
        long bytes;
        try {
            bytes = Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Inspection(p.toString(), bytes, f.metadata(), a, stats);
    }

    public long totalParams() {
        return tensors.stream().mapToLong(TensorSummary::params).sum();
    }

    /** Metadata that is not valuekit's own (e.g. {@code format: pt} from PyTorch). */
    public Map<String, String> otherMetadata() {
        Map<String, String> m = new LinkedHashMap<>(metadata);
        m.keySet().removeIf(k -> k.startsWith("valuekit."));
        return m;
    }

    /**
     * One JSON document with fixed keys: file, bytes, format (1, or null for a file valuekit did not
     * write), kind, spec, provenance (null when absent), metadata (the other strings), tensors
     * (name, dtype, shape, params, min, mean, max, non_finite; statistics null when undefined) and
     * total_params.
     */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("file", source);
        o.put("bytes", fileBytes);
        if (artifact.kind() == null) o.putNull("format");
        else o.put("format", Integer.parseInt(Artifacts.FORMAT));
        o.put("kind", artifact.kind());
        o.set("spec", artifact.spec());
        o.set("provenance", artifact.provenance());
        ObjectNode m = o.putObject("metadata");
        otherMetadata().forEach(m::put);
        ArrayNode ts = o.putArray("tensors");
        for (TensorSummary s : tensors) {
            ObjectNode t = ts.addObject();
            t.put("name", s.name());
            t.put("dtype", s.dtype().name());
            ArrayNode shape = t.putArray("shape");
            for (long d : s.shape()) shape.add(d);
            t.put("params", s.params());
            number(t, "min", s.min());
            number(t, "mean", s.mean());
            number(t, "max", s.max());
            t.put("non_finite", s.nonFinite());
        }
        o.put("total_params", totalParams());
        return o;
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) o.putNull(key);
        else o.put(key, v);
    }

    /** The JSON document, indented, with a final newline. */
    public String toJsonText() {
        return pretty(toJson()) + "\n";
    }

    /** The report for people. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("file        ").append(source).append(" (").append(String.format(Locale.ROOT, "%,d", fileBytes)).append(" bytes)\n");
        if (artifact.kind() == null) {
            sb.append("kind        none: no valuekit metadata (a plain safetensors file)\n");
        } else {
            sb.append("kind        ").append(artifact.kind()).append('\n');
            sb.append("format      valuekit ").append(Artifacts.FORMAT).append('\n');
        }
        block(sb, "spec", artifact.spec());
        block(sb, "provenance", artifact.provenance());
        Map<String, String> other = otherMetadata();
        if (!other.isEmpty()) {
            sb.append("metadata\n");
            other.forEach((k, v) -> sb.append("  ").append(k).append(" = ").append(v).append('\n'));
        }
        sb.append("tensors     ").append(tensors.size()).append(", ")
                .append(String.format(Locale.ROOT, "%,d", totalParams())).append(" parameters\n");
        if (!tensors.isEmpty()) table(sb);
        return sb.toString();
    }

    private static void block(StringBuilder sb, String title, JsonNode node) {
        if (node == null) return;
        sb.append(title).append('\n');
        for (String line : pretty(node).split("\n")) sb.append("  ").append(line).append('\n');
    }

    private void table(StringBuilder sb) {
        boolean anyNonFinite = tensors.stream().anyMatch(s -> s.nonFinite() > 0);
        List<String[]> rows = new ArrayList<>();
        rows.add(anyNonFinite
                ? new String[] {"name", "dtype", "shape", "params", "min", "mean", "max", "non-finite"}
                : new String[] {"name", "dtype", "shape", "params", "min", "mean", "max"});
        for (TensorSummary s : tensors) {
            String shape = Arrays.stream(s.shape()).mapToObj(Long::toString).collect(Collectors.joining(", ", "[", "]"));
            List<String> r = new ArrayList<>(List.of(s.name(), s.dtype().name(), shape, Long.toString(s.params()),
                    num(s.min()), num(s.mean()), num(s.max())));
            if (anyNonFinite) r.add(Long.toString(s.nonFinite()));
            rows.add(r.toArray(String[]::new));
        }
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < r.length; i++) {
                // text columns left-aligned, numbers right-aligned
                boolean left = i <= 2;
                String cell = left ? pad(r[i], width[i], true) : pad(r[i], width[i], false);
                line.append(cell).append(i + 1 < r.length ? "  " : "");
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String pad(String s, int w, boolean left) {
        String fill = " ".repeat(w - s.length());
        return left ? s + fill : fill + s;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String pretty(JsonNode n) {
        try {
            return PRETTY.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
