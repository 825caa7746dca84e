package dev.valuekit.spark;

import dev.valuekit.cli.TableOutputOptions;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import dev.valuekit.table.Schema;
import dev.valuekit.table.TableFormat;
import dev.valuekit.table.TableWriter;
import dev.valuekit.table.Tables;
import dev.valuekit.table.WriteOptions;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A table output written by many tasks: the directory {@code -o} names, holding {@code part-NNNNN.ext}
 * files in the format the name (or {@code --format}) gives. Tasks write into a hidden temporary
 * directory beside it, each part itself atomically (a retried task replaces its part); the driver
 * renames the directory into place after the job succeeded ({@link #commit}) and deletes it otherwise
 * ({@link #abort}), so a failed run leaves nothing half-written and never clobbers an earlier result.
 * The path must be writable by every executor (a shared file system on a cluster).
 */
final class PartitionedOutput implements Serializable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final String target;
    private final String temp;
    private final String extension;
    private final TableFormat format;   // WriteOptions is not Serializable

    private PartitionedOutput(String name, String target, String temp, String extension, TableFormat format) {
        this.name = name;
        this.target = target;
        this.temp = temp;
        this.extension = extension;
        this.format = format;
    }

    /** Checks the output (format, directory) before any work and creates the temporary directory. */
    static PartitionedOutput open(TableOutputOptions o) {
        String path = o.path();
        if ("-".equals(path)) {
            throw new BadInputException("valuekit-spark writes a directory of part files, not stdout",
                    "give -o a path such as predictions.arrow (a directory of part-*.arrow files)");
        }
        o.check();
        WriteOptions w = o.writeOptions();
        TableFormat f = Tables.outputFormat(path, w);
        boolean gz = path.toLowerCase(Locale.ROOT).endsWith(".csv.gz");
        String ext = switch (f) {
            case ARROW_FILE -> ".arrow";
            case ARROW_STREAM -> ".arrows";
            case CSV -> gz ? ".csv.gz" : ".csv";
            default -> "." + f.name().toLowerCase(Locale.ROOT);
        };
        Path t = Path.of(path).toAbsolutePath();
        if (Files.isRegularFile(t)) {
            throw BadInputException.inFile("output exists as a file; valuekit-spark writes a directory of part files", path,
                    "remove it or choose another path");
        }
        Path dir = t.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw BadInputException.inFile("output directory does not exist", path, "create it first or choose another path");
        }
        Path tmp = dir.resolve("." + t.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
        try {
            Files.createDirectory(tmp);
        } catch (IOException e) {
            throw BadInputException.inFile("cannot create output: " + e.getMessage(), path, "choose a directory you can write to");
        }
        return new PartitionedOutput(path, t.toString(), tmp.toString(), ext, f);
    }

    /** The path as the user wrote it. */
    String name() { return name; }

    /** A writer for part {@code index} (run in a task); its finish() puts the part file in place. */
    TableWriter part(int index, Schema schema) {
        String file = Path.of(temp, String.format(Locale.ROOT, "part-%05d%s", index, extension)).toString();
        return Tables.create(AtomicOutput.open(file, null), schema, new WriteOptions(format));
    }

    /** Moves the finished directory into place, replacing an earlier result of the same name. */
    void commit() throws IOException {
        Path t = Path.of(target), tmp = Path.of(temp);
        Path old = null;
        if (Files.exists(t)) {
            old = t.resolveSibling("." + t.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".old");
            Files.move(t, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, t, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) deleteTree(old);
    }

    /** Removes the temporary directory and every part in it. */
    void abort() {
        try {
            deleteTree(Path.of(temp));
        } catch (IOException | UncheckedIOException e) {
            // best effort: the directory is hidden and named as temporary
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
