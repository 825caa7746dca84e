package dev.valuekit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.common.ProgressListener;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Turns domain progress reports into stderr output: a redrawn progress bar on a terminal, plain or
 * JSON log lines otherwise, nothing but warnings with --quiet.
 */
final class Console implements ProgressListener {
    /** Made on the first JSON line: a static mapper would load Jackson for every start, --help included. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    private static final long REDRAW_NANOS = 100_000_000L;
    /** Text log lines wrap before this column, continuing indented, so a terminal never wraps them. */
    static final int WIDTH = 80;
    private static final int INDENT = 4;

    private final PrintStream err;
    private final boolean quiet;
    private final boolean json;
    private final boolean bar;
    private final String command;
    private String task;
    private long total;
    private long lastDraw;
    private boolean barShown;

    Console(PrintStream err, String command, GlobalOptions options, boolean terminal) {
        this.err = err;
        this.command = command;
        this.quiet = options.quiet();
        this.json = options.logFormat() == GlobalOptions.LogFormat.json;
        this.bar = terminal && !quiet && !json;
    }

    @Override public void start(String task, long total) {
        this.task = task;
        this.total = total;
        this.lastDraw = 0;
        if (!bar && !quiet) line("info", task + (total > 0 ? " (" + total + ")" : ""), null);
    }

    @Override public void advance(long done) {
        if (!bar) return;
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS && done < total) return;
        lastDraw = now;
        barShown = true;
        if (total > 0) {
            int width = 30;
            int filled = (int) Math.min(width, width * done / total);
            err.print("\r" + task + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] "
                    + (100 * done / total) + "%  ");
        } else {
            err.print("\r" + task + " " + done + "  ");
        }
        err.flush();
    }

    @Override public void finish() { clearBar(); }

    @Override public void info(String message) {
        if (!quiet) line("info", message, null);
    }

    @Override public void warn(String message) { line("warn", message, null); }

    @Override public void metrics(String event, Map<String, ?> values) {
        if (!quiet) line("info", event, values);
    }

    /** An error line in the same format as other log lines (JSON for --log-format json). */
    void error(String message) {
        clearBar();
        if (json) line("error", message, null);
        else err.println(message);
    }

    private void clearBar() {
        if (barShown) {
            err.print("\r\033[K");
            err.flush();
            barShown = false;
        }
    }

    private void line(String level, String message, Map<String, ?> values) {
        clearBar();
        if (json) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("level", level);
            o.put("command", command);
            o.put("msg", message);
            if (values != null) o.set("values", Json.MAPPER.valueToTree(values));
            err.println(o.toString());
        } else {
            StringBuilder sb = new StringBuilder("valuekit ").append(command).append(": ");
            if (level.equals("warn")) sb.append("warning: ");
            sb.append(message);
            if (values != null) {
                int lineStart = 0;
                for (Map.Entry<String, ?> e : values.entrySet()) {
                    String pair = e.getKey() + "=" + readable(e.getValue());
                    if (sb.length() - lineStart + 1 + pair.length() > WIDTH) {
                        sb.append('\n');
                        lineStart = sb.length();
                        sb.append(" ".repeat(INDENT - 1));
                    }
                    sb.append(' ').append(pair);
                }
            }
            err.println(sb);
        }
        err.flush();
    }

    /** A value as people read it: numbers to 4 significant digits, inside lists and maps too (JSON keeps all). */
    static String readable(Object v) {
        if (v instanceof Double || v instanceof Float) return significant(((Number) v).doubleValue());
        if (v instanceof double[] a) return readable(Arrays.stream(a).boxed().toList());
        if (v instanceof Collection<?> c) {
            StringJoiner j = new StringJoiner(",", "[", "]");
            for (Object o : c) j.add(readable(o));
            return j.toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringJoiner j = new StringJoiner(",", "{", "}");
            m.forEach((k, x) -> j.add(k + "=" + readable(x)));
            return j.toString();
        }
        return String.valueOf(v);
    }

    /** 0.42790606834728795 → 0.4279, 123456.7 → 123500, 1.5e-07 → 1.5e-07, NaN stays NaN. */
    static String significant(double x) {
        if (x == 0 || !Double.isFinite(x)) return x == 0 ? "0" : String.valueOf(x);
        BigDecimal b = new BigDecimal(x).round(new MathContext(4)).stripTrailingZeros();
        double a = Math.abs(x);
        if (a >= 1e-4 && a < 1e7) return b.toPlainString();
        String[] me = String.format(Locale.ROOT, "%.3e", x).split("e");
        String mantissa = me[0].contains(".") ? me[0].replaceAll("0+$", "").replaceAll("\\.$", "") : me[0];
        return mantissa + "e" + me[1];
    }
}
