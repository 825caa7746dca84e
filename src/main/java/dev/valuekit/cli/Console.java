package dev.valuekit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.common.ProgressListener;

import java.io.PrintStream;
import java.util.Map;

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
            if (values != null) values.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            err.println(sb);
        }
        err.flush();
    }
}
