package dev.valuekit.cltv;

import dev.valuekit.common.BadInputException;
import dev.valuekit.table.Batch;
import dev.valuekit.table.ColumnType;
import dev.valuekit.table.Schema;
import dev.valuekit.tensor.Normalizer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns customer-table rows into network inputs. Numeric columns go through a signed log,
 * sign(x)·ln(1 + |x|) (spend and counts are heavy-tailed; the log keeps a few big spenders from
 * dominating the standardisation), then per-column standardisation fitted on the training table.
 * Categorical columns become indices into a sorted vocabulary seen in training; index 0 is the
 * out-of-vocabulary slot, which unknown or missing categories at scoring time map to.
 */
public final class CustomerEncoder {
    /** Numeric transform applied before standardisation. */
    public enum Transform {
        SLOG1P, NONE;

        public String label() { return this == SLOG1P ? "slog1p" : "none"; }

        public static Transform parse(String s) {
            return switch (s) {
                case "slog1p" -> SLOG1P;
                case "none" -> NONE;
                default -> throw new BadInputException("unknown feature transform '" + s + "'", "use slog1p or none");
            };
        }

        double apply(double x) {
            return this == NONE ? x : Math.copySign(Math.log1p(Math.abs(x)), x);
        }
    }

    private final List<String> numeric;
    private final Transform transform;
    private final Normalizer normalizer;
    private final List<String> categorical;
    private final List<List<String>> vocabularies;
    private final List<Map<String, Integer>> lookup = new ArrayList<>();

    public CustomerEncoder(List<String> numeric, Transform transform, Normalizer normalizer, List<String> categorical,
                           List<List<String>> vocabularies) {
        if (normalizer.width() != numeric.size()) throw new IllegalArgumentException("normaliser width differs from the numeric columns");
        if (categorical.size() != vocabularies.size()) throw new IllegalArgumentException("one vocabulary per categorical column");
        this.numeric = List.copyOf(numeric);
        this.transform = transform;
        this.normalizer = normalizer;
        this.categorical = List.copyOf(categorical);
        this.vocabularies = vocabularies.stream().map(List::copyOf).toList();
        for (List<String> v : this.vocabularies) {
            Map<String, Integer> m = new HashMap<>();
            for (int i = 0; i < v.size(); i++) m.put(v.get(i), i + 1);
            lookup.add(m);
        }
    }

    /**
     * Feature columns of a training table: every column except the id and the label; STRING columns and
     * those named in {@code forcedCategorical} are categorical, the other numeric.
     */
    public static CustomerEncoder fit(Batch t, String source, String id, String label, Collection<String> forcedCategorical,
                                      Transform transform) {
        Schema s = t.schema();
        for (String c : forcedCategorical) s.require(c, source);
        List<String> num = new ArrayList<>(), cat = new ArrayList<>();
        for (int c = 0; c < s.size(); c++) {
            String name = s.name(c);
            if (name.equals(id) || name.equals(label)) continue;
            if (s.type(c) == ColumnType.STRING || forcedCategorical.contains(name)) cat.add(name); else num.add(name);
        }
        if (num.isEmpty() && cat.isEmpty()) {
            throw BadInputException.inFile("the customer table has no feature columns besides '" + id + "' and '" + label + "'",
                    source, "add feature columns, e.g. with 'predict-cltv features'");
        }
        int n = t.rows();
        double[] x = new double[n * num.size()];
        for (int j = 0; j < num.size(); j++) {
            int c = s.indexOf(num.get(j));
            for (int r = 0; r < n; r++) x[r * num.size() + j] = transform.apply(t.getDouble(c, r));
        }
        Normalizer norm = num.isEmpty() ? Normalizer.of(new double[0], new double[0]) : Normalizer.fit(x, n, num.size());
        List<List<String>> vocab = new ArrayList<>();
        for (String name : cat) {
            int c = s.indexOf(name);
            Set<String> seen = new TreeSet<>();
            for (int r = 0; r < n; r++) {
                String v = t.getString(c, r);
                if (v != null) seen.add(v);
            }
            vocab.add(new ArrayList<>(seen));
        }
        return new CustomerEncoder(num, transform, norm, cat, vocab);
    }

    public List<String> numeric() { return numeric; }
    public Transform transform() { return transform; }
    public Normalizer normalizer() { return normalizer; }
    public List<String> categorical() { return categorical; }
    public List<List<String>> vocabularies() { return vocabularies; }

    /** Rows of the embedding table of categorical column j: its vocabulary plus the out-of-vocabulary slot. */
    public int embeddingRows(int j) { return vocabularies.get(j).size() + 1; }

    /**
     * Encoded rows: {@code numeric} row-major n × numeric().size(), standardised; {@code categories}
     * row-major n × categorical().size() vocabulary indices (0 = out of vocabulary). {@code oovRows}
     * counts rows with at least one unknown category; {@code firstOov} describes the first one.
     */
    public record Encoded(int rows, double[] numeric, int[] categories, int oovRows, String firstOov) {}

    /** Column indices of the features in {@code s}, numeric first; BadInputException naming a missing one. */
    public int[] resolve(Schema s, String source) {
        int[] cols = new int[numeric.size() + categorical.size()];
        for (int j = 0; j < numeric.size(); j++) cols[j] = s.requireNumeric(numeric.get(j), source);
        for (int j = 0; j < categorical.size(); j++) cols[numeric.size() + j] = s.require(categorical.get(j), source);
        return cols;
    }

    /**
     * Encodes a batch whose feature columns are at {@code cols} (from {@link #resolve});
     * {@code firstRow} is the 1-based file row of the batch's first row, for messages.
     */
    public Encoded encode(Batch b, int[] cols, String source, long firstRow) {
        int n = b.rows(), d = numeric.size(), k = categorical.size();
        double[] x = new double[n * d];
        for (int j = 0; j < d; j++) {
            int c = cols[j];
            for (int r = 0; r < n; r++) {
                double v = b.getDouble(c, r);
                if (!Double.isFinite(v)) {
                    throw new BadInputException("non-finite value " + v, source, firstRow + r, numeric.get(j), "feature values must be finite numbers");
                }
                x[r * d + j] = transform.apply(v);
            }
        }
        normalizer.normalize(x);
        int[] idx = new int[n * k];
        int oov = 0;
        String first = null;
        for (int r = 0; r < n; r++) {
            boolean unknown = false;
            for (int j = 0; j < k; j++) {
                String v = b.getString(cols[d + j], r);
                Integer i = v == null ? null : lookup.get(j).get(v);
                if (i == null) {
                    unknown = true;
                    if (first == null) first = "column '" + categorical.get(j) + "' value '" + v + "' at row " + (firstRow + r);
                }
                idx[r * k + j] = i == null ? 0 : i;
            }
            if (unknown) oov++;
        }
        return new Encoded(n, x, idx, oov, first);
    }

    /** The label column as spend values, checked: finite and ≥ 0. */
    public static double[] labels(Batch b, int labelColumn, String source, String name) {
        double[] y = new double[b.rows()];
        for (int r = 0; r < y.length; r++) {
            double v = b.getDouble(labelColumn, r);
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new BadInputException("label " + v + " is not a spend >= 0", source, r + 1, name, "the label is the future spend, a finite number >= 0");
            }
            y[r] = v;
        }
        return y;
    }
}
