package dev.valuekit.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Regenerates completions/valuekit.bash and man/*.1 from the Picocli model, so they cannot drift
 * from the code (a test compares the committed copies with a fresh rendering).
 */
@Command(name = "generate-docs", hidden = true,
        header = "Write the man pages and bash completion",
        description = "Write the bash completion script and the man pages generated from the command model.")
public final class GenerateDocsCommand extends BaseCommand {
    @Option(names = "--dir", paramLabel = "DIR", description = "Project root to write completions/ and man/ into. Default: ${DEFAULT-VALUE}.")
    Path dir = Path.of(".");

    @Override
    protected int run() throws IOException {
        Map<String, String> files = render(spec.root().commandLine());
        Path man = dir.resolve("man");
        Files.createDirectories(man);
        Files.createDirectories(dir.resolve("completions"));
        try (var stale = Files.list(man)) {
            for (Path p : (Iterable<Path>) stale::iterator) {
                if (p.getFileName().toString().endsWith(".1") && !files.containsKey("man/" + p.getFileName())) Files.delete(p);
            }
        }
        for (Map.Entry<String, String> e : files.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
        log().info("wrote " + files.size() + " files under " + dir.toAbsolutePath().normalize());
        return 0;
    }

    /** Relative path → content, for every generated file. */
    public static Map<String, String> render(CommandLine root) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("completions/valuekit.bash", AutoComplete.bash("valuekit", root));
        ManPageWriter writer = new ManPageWriter(VersionProvider.version());
        addPages(root.getCommandSpec(), writer, out);
        return out;
    }

    private static void addPages(CommandSpec spec, ManPageWriter writer, Map<String, String> out) {
        if (spec.usageMessage().hidden() || spec.userObject() instanceof CommandLine.HelpCommand) return;
        out.put("man/" + ManPageWriter.pageName(spec) + ".1", writer.render(spec));
        for (Map.Entry<String, CommandLine> e : spec.subcommands().entrySet()) {
            CommandSpec sub = e.getValue().getCommandSpec();
            if (e.getKey().equals(sub.name())) addPages(sub, writer, out);
        }
    }
}
