package dev.valuekit.adapt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The spectra of a model's weight matrices as text (for people) or JSON (for scripts): per matrix
 * its shape, leading singular values, a tail summary, the energy curve at a few ranks, and the
 * ranks chosen by energy 0.9 / 0.99, the elbow rule and the user's rule, if any.
 */
public record SpectrumReport(String source, List<Spectrum> spectra, List<Skipped> skipped, RankRule chosen, int top) {
    /** A tensor that has no spectrum (not 2-D). */
    public record Skipped(String name, long[] shape) {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final RankRule ENERGY_90 = new RankRule.Energy(0.9);
    static final RankRule ENERGY_99 = new RankRule.Energy(0.99);
    static final RankRule ELBOW = new RankRule.Elbow();

    public String toJsonText() throws com.fasterxml.jackson.core.JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        root.put("file", source);
        if (chosen != null) root.put("rule", chosen.describe());
        ArrayNode ms = root.putArray("matrices");
        for (Spectrum s : spectra) {
            ObjectNode m = ms.addObject();
            m.put("name", s.name());
            m.putArray("shape").add(s.rows()).add(s.cols());
            m.put("frobenius", s.frobenius());
            ArrayNode sv = m.putArray("singular_values");
            for (double v : s.sigma()) sv.add(v);
            ArrayNode en = m.putArray("energy");
            for (double v : s.energyCurve()) en.add(v);
            ObjectNode ranks = m.putObject("ranks");
            ranks.put("energy_0.9", s.rank(ENERGY_90));
            ranks.put("energy_0.99", s.rank(ENERGY_99));
            ranks.put("elbow", s.rank(ELBOW));
            if (chosen != null) ranks.put("chosen", s.rank(chosen));
        }
        ArrayNode sk = root.putArray("skipped");
        for (Skipped s : skipped) {
            ObjectNode o = sk.addObject();
            o.put("name", s.name());
            ArrayNode shape = o.putArray("shape");
            for (long d : s.shape()) shape.add(d);
            o.put("reason", "not a 2-D matrix");
        }
        return JSON.writeValueAsString(root) + "\n";
    }

    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("spectra of ").append(source).append(chosen == null ? "" : " (chosen rank by " + chosen.describe() + ")").append('\n');
        for (Spectrum s : spectra) {
            double[] sig = s.sigma();
            double[] e = s.energyCurve();
            sb.append('\n').append(s.name()).append("  ").append(s.rows()).append('x').append(s.cols())
                    .append("  ||W||_F ").append(num(s.frobenius())).append('\n');
            int shown = Math.min(top, sig.length);
            sb.append("  sigma[1..").append(shown).append("]:");
            for (int i = 0; i < shown; i++) sb.append(' ').append(num(sig[i]));
            sb.append('\n');
            if (sig.length > shown) {
                double[] tail = Arrays.copyOfRange(sig, shown, sig.length);
                sb.append("  tail (").append(tail.length).append(" values): max ").append(num(tail[0]))
                        .append(" median ").append(num(tail[tail.length / 2])).append(" min ").append(num(tail[tail.length - 1]))
                        .append(", energy ").append(pct(1 - e[shown - 1])).append('\n');
            }
            sb.append("  energy:");
            for (int k : checkpoints(sig.length)) sb.append("  k=").append(k).append(' ').append(pct(e[k - 1]));
            sb.append('\n');
            sb.append("  rank: energy 0.9 -> ").append(s.rank(ENERGY_90)).append(", energy 0.99 -> ").append(s.rank(ENERGY_99))
                    .append(", elbow -> ").append(s.rank(ELBOW));
            if (chosen != null) sb.append("; chosen (").append(chosen.describe()).append(") -> ").append(s.rank(chosen));
            sb.append('\n');
        }
        if (!skipped.isEmpty()) {
            sb.append('\n').append("skipped (not 2-D):");
            for (Skipped s : skipped) sb.append(' ').append(s.name()).append(Arrays.toString(s.shape()).replace(" ", ""));
            sb.append('\n');
        }
        return sb.toString();
    }

    /** 1, 2, 4, ... and n: where the energy curve is printed. */
    static int[] checkpoints(int n) {
        java.util.TreeSet<Integer> ks = new java.util.TreeSet<>();
        for (int k = 1; k < n; k *= 2) ks.add(k);
        ks.add(n);
        return ks.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String num(double v) { return String.format(Locale.ROOT, "%.4g", v); }

    private static String pct(double v) { return String.format(Locale.ROOT, "%.2f%%", 100 * v); }
}
