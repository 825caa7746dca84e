package dev.valuekit.common;

/**
 * The user gave input we cannot use (exit code 2). Carries where the problem is and how to fix it,
 * so the CLI can print the one-line form {@code <what> (<file>, row <n>, column <c>): <fix>}.
 */
public class BadInputException extends RuntimeException {
    /** Characters of any one value (a cell, a name) quoted in a message; a 16 MB cell must not become a 16 MB line. */
    public static final int MAX_QUOTED = 80;
    /** Bound on a whole part of the message, for values that are not quoted. */
    private static final int MAX_PART = 400;
    private static final java.util.regex.Pattern LONG_QUOTE =
            java.util.regex.Pattern.compile("'([^'\\n]{" + (MAX_QUOTED + 1) + ",})'");
    private final String what;
    private final String source;
    private final long row;
    private final String column;
    private final String fix;

    public BadInputException(String what, String source, long row, String column, String fix) {
        super(format(what, source, row, column, fix));
        this.what = what;
        this.source = source;
        this.row = row;
        this.column = column;
        this.fix = fix;
    }

    /** No location: a bad option value or a bad combination of options. */
    public BadInputException(String what, String fix) {
        this(what, null, -1, null, fix);
    }

    /** Location is a file only. */
    public static BadInputException inFile(String what, String source, String fix) {
        return new BadInputException(what, source, -1, null, fix);
    }

    public String what() { return what; }
    public String source() { return source; }
    /** 1-based data row (header excluded), or -1 when not row-specific. */
    public long row() { return row; }
    public String column() { return column; }
    public String fix() { return fix; }

    private static String format(String what, String source, long row, String column, String fix) {
        StringBuilder sb = new StringBuilder(bounded(what));
        StringBuilder loc = new StringBuilder();
        if (source != null) loc.append(source);
        if (row >= 0) loc.append(loc.length() > 0 ? ", " : "").append("row ").append(row);
        if (column != null) loc.append(loc.length() > 0 ? ", " : "").append("column ").append(excerpt(column));
        if (loc.length() > 0) sb.append(" (").append(loc).append(')');
        if (fix != null && !fix.isEmpty()) sb.append(": ").append(bounded(fix));
        return oneLine(sb.toString());
    }

    /** {@code value} cut to {@link #MAX_QUOTED} characters, saying how long it was. */
    public static String excerpt(String value) {
        if (value == null || value.length() <= MAX_QUOTED) return value;
        return value.substring(0, MAX_QUOTED - 3) + "... (" + value.length() + " characters)";
    }

    /** Every quoted value in {@code text} cut by {@link #excerpt}, and the whole cut to {@link #MAX_PART}. */
    static String bounded(String text) {
        if (text == null || text.length() <= MAX_QUOTED) return text;
        java.util.regex.Matcher m = LONG_QUOTE.matcher(text);
        String s = m.find() ? m.replaceAll(r -> java.util.regex.Matcher.quoteReplacement("'" + excerpt(r.group(1)) + "'")) : text;
        return s.length() <= MAX_PART ? s : s.substring(0, MAX_PART - 3) + "...";
    }

    static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
