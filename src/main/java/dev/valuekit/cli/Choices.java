package dev.valuekit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Choice options are enums whose {@code toString()} is the word the command line takes ("mopo-aleatoric",
 * "week"): --help and completions list those words, and a wrong word is one line naming them. Picocli's
 * own enum conversion would also accept and list the Java constant names.
 */
final class Choices {
    private Choices() {}

    /** Registers a converter for every enum-typed option of the command tree. */
    static void register(CommandLine root) {
        registerAll(root, root.getCommandSpec());
    }

    private static void registerAll(CommandLine root, CommandSpec spec) {
        for (OptionSpec o : spec.options()) {
            Class<?> t = o.type().isArray() ? o.type().getComponentType() : o.auxiliaryTypes()[0];
            if (t.isEnum()) register(root, t);
        }
        for (CommandLine sub : spec.subcommands().values()) registerAll(root, sub.getCommandSpec());
    }

    private static <E> void register(CommandLine root, Class<E> type) {
        root.registerConverter(type, text -> parse(type, text));
    }

    static <E> E parse(Class<E> type, String text) {
        for (E e : type.getEnumConstants()) {
            if (e.toString().equalsIgnoreCase(text.trim())) return e;
        }
        String words = Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        throw new CommandLine.TypeConversionException("'" + text + "' is not one of " + words);
    }
}
