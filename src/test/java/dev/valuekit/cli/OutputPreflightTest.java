package dev.valuekit.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 16, item 5: outputs are checked before any work through one pre-flight in BaseCommand,
 * which sees only options marked {@link OutputFile}. This keeps every command's output options marked,
 * including ones added later.
 */
class OutputPreflightTest {
    @Test
    void everyFileOutputOptionIsPreflighted() {
        Io io = new Io(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new PrintStream(new ByteArrayOutputStream()), false);
        List<String> unmarked = new ArrayList<>();
        collect(Main.commandLine(io), unmarked);
        assertEquals(List.of(), unmarked, "output options without @OutputFile (directories: paramLabel DIR)");
    }

    private static void collect(CommandLine cl, List<String> unmarked) {
        for (OptionSpec o : cl.getCommandSpec().options()) {
            String name = o.longestName();
            boolean output = name.equals("--output") || name.endsWith("-output") || name.endsWith("-out")
                    || name.equals("--plot") || name.equals("--merge");
            if (!output || o.paramLabel().contains("DIR")) continue;
            boolean marked = o.userObject() instanceof AnnotatedElement e && e.isAnnotationPresent(OutputFile.class);
            if (!marked) unmarked.add(cl.getCommandSpec().qualifiedName() + " " + name);
        }
        cl.getSubcommands().values().forEach(sub -> collect(sub, unmarked));
    }
}
