package dev.valuekit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders one command of the Picocli model as a roff man page (section 1). */
final class ManPageWriter {
    private static final Pattern FORMAT_ESCAPE = Pattern.compile("%([n%])");
    private final String version;

    ManPageWriter(String version) { this.version = version; }

    /** File name stem: valuekit, valuekit-convert, valuekit-evaluate-model. */
    static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    String render(CommandSpec spec) {
        StringBuilder sb = new StringBuilder();
        String name = pageName(spec);
        sb.append(".TH \"").append(name.toUpperCase()).append("\" \"1\" \"\" \"valuekit ")
                .append(version).append("\" \"valuekit manual\"\n");
        sb.append(".SH NAME\n").append(esc(name)).append(" \\- ").append(esc(firstLine(spec))).append('\n');

        sb.append(".SH SYNOPSIS\n.B ").append(esc(spec.qualifiedName())).append('\n');
        sb.append(esc(synopsis(spec))).append('\n');

        // The header is the NAME line already; the description repeats it only when there is nothing else.
        List<String> description = new ArrayList<>(List.of(spec.usageMessage().description()));
        if (description.isEmpty()) description.addAll(List.of(spec.usageMessage().header()));
        if (!description.isEmpty()) {
            sb.append(".SH DESCRIPTION\n");
            for (String s : description) paragraph(sb, s);
        }

        List<PositionalParamSpec> positionals = spec.positionalParameters();
        if (!positionals.isEmpty()) {
            sb.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : positionals) {
                if (p.hidden()) continue;
                sb.append(".TP\n.I ").append(esc(p.paramLabel())).append('\n');
                sb.append(esc(describe(p))).append('\n');
            }
        }

        sb.append(".SH OPTIONS\n");
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) continue;
            sb.append(".TP\n.B ").append(esc(String.join(", ", o.names())));
            if (o.arity().max() > 0) sb.append(" \\fI").append(esc(o.paramLabel())).append("\\fR");
            sb.append('\n').append(esc(describe(o))).append('\n');
        }

        Map<String, CommandLine> subs = spec.subcommands();
        List<String> visible = new ArrayList<>();
        for (Map.Entry<String, CommandLine> e : subs.entrySet()) {
            CommandSpec s = e.getValue().getCommandSpec();
            if (!s.usageMessage().hidden() && e.getKey().equals(s.name())) visible.add(e.getKey());
        }
        if (!visible.isEmpty()) {
            sb.append(".SH COMMANDS\n");
            for (String key : visible) {
                CommandSpec s = subs.get(key).getCommandSpec();
                sb.append(".TP\n.B ").append(esc(key)).append('\n').append(esc(firstLine(s))).append('\n');
            }
        }

        String[] footer = spec.usageMessage().footer();
        if (footer.length > 0) {
            sb.append(".SH EXAMPLES\n.nf\n");
            for (String line : footer) sb.append(esc(plain(line))).append('\n');
            sb.append(".fi\n");
        }

        sb.append(".SH EXIT STATUS\n0 on success, 1 on a failure while computing (divergence, NaN loss), ")
                .append("2 on bad usage or bad input. Errors are one line on stderr.\n");
        sb.append(".SH SEE ALSO\n");
        List<String> see = new ArrayList<>();
        if (spec.parent() != null) see.add(pageName(spec.parent()) + "(1)");
        for (String key : visible) see.add(pageName(subs.get(key).getCommandSpec()) + "(1)");
        sb.append(esc(see.isEmpty() ? "valuekit(1)" : String.join(", ", see))).append('\n');
        return sb.toString();
    }

    private static String firstLine(CommandSpec spec) {
        String[] h = spec.usageMessage().header();
        if (h.length > 0) return plain(h[0]);
        String[] d = spec.usageMessage().description();
        return d.length > 0 ? plain(d[0]) : spec.name();
    }

    private static String synopsis(CommandSpec spec) {
        StringBuilder sb = new StringBuilder();
        if (!spec.subcommands().isEmpty() && spec.positionalParameters().isEmpty()) sb.append("[OPTIONS] COMMAND");
        else sb.append("[OPTIONS]");
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.hidden()) continue;
            sb.append(' ').append(p.required() ? p.paramLabel() : "[" + p.paramLabel() + "]");
        }
        return sb.toString();
    }

    private static String describe(ArgSpec a) {
        String text = plain(String.join(" ", a.description()));
        String def = a.defaultValueString();
        if (def != null && !def.equals("null") && !text.contains("${DEFAULT-VALUE}") && !text.contains("Default:")
                && !(a.type() == boolean.class || a.type() == Boolean.class)) {
            text = text + " Default: " + def + ".";
        }
        return text.replace("${DEFAULT-VALUE}", String.valueOf(def))
                .replace("${COMPLETION-CANDIDATES}", candidates(a));
    }

    private static String candidates(ArgSpec a) {
        List<String> out = new ArrayList<>();
        if (a.completionCandidates() != null) a.completionCandidates().forEach(out::add);
        return String.join(", ", out);
    }

    private static void paragraph(StringBuilder sb, String s) {
        String t = plain(s);
        if (t.isBlank()) sb.append(".PP\n");
        else sb.append(esc(t)).append('\n');
    }

    /**
     * Strips picocli's markup and undoes its format escapes as --help does: %n is a line break (a
     * space here), %% a literal percent sign. One pass, so "%%n" stays the text "%n".
     */
    static String plain(String s) {
        Matcher m = FORMAT_ESCAPE.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, m.group(1).equals("n") ? " " : "%");
        m.appendTail(sb);
        return sb.toString().replaceAll("@\\|[a-z,]+ ([^|]*)\\|@", "$1");
    }


    private static String esc(String s) {
        String t = s.replace("\\", "\\e").replace("-", "\\-");
        if (t.startsWith(".") || t.startsWith("'")) t = "\\&" + t;
        return t;
    }
}
