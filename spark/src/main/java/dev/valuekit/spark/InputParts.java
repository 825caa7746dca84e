package dev.valuekit.spark;

import dev.valuekit.common.BadInputException;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A table input as Spark partitions: a file is one part, a directory (what Spark and valuekit-spark
 * write) is its part files in name order, hidden and marker files ({@code .x}, {@code _SUCCESS})
 * skipped. Each part is read by one task with valuekit's own readers, so values, checks and error
 * messages are those of the CLI; rows are numbered within their part file. Paths must be readable by
 * every executor (a shared file system on a cluster).
 */
record InputParts(String name, List<String> files) implements Serializable {

    static InputParts of(String path, String option) {
        if ("-".equals(path)) {
            throw new BadInputException(option + " - (stdin) cannot be split over Spark tasks", "give a file or a directory of part files");
        }
        Path p = Path.of(path);
        if (!Files.exists(p)) throw BadInputException.inFile("input file not found", path, "check the path");
        if (!Files.isDirectory(p)) return new InputParts(path, List.of(p.toAbsolutePath().toString()));
        try (Stream<Path> s = Files.list(p)) {
            List<String> files = s.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".") && !f.getFileName().toString().startsWith("_"))
                    .map(f -> f.toAbsolutePath().toString()).sorted().toList();
            if (files.isEmpty()) throw BadInputException.inFile("directory holds no part files", path, "give a table file or a directory of part files");
            return new InputParts(path, files);
        } catch (IOException e) {
            throw BadInputException.inFile("cannot list directory: " + e.getMessage(), path, "check its permissions");
        }
    }

    int size() { return files.size(); }

    String first() { return files.get(0); }
}
