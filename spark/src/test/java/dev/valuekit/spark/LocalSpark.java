package dev.valuekit.spark;

import dev.valuekit.cli.Io;
import dev.valuekit.cli.Main;
import dev.valuekit.table.Batch;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.Tables;
import org.apache.spark.sql.SparkSession;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Spark in {@code local[2]} inside the test JVM, shared by every test class (started once; Spark stops
 * it at exit), and both command lines run in-process: {@code valuekit} and {@code valuekit-spark}.
 */
final class LocalSpark {
    private static SparkSession spark;

    private LocalSpark() {}

    static synchronized SparkSession session() {
        if (spark == null) {
            spark = SparkSession.builder().master("local[2]").appName("valuekit-spark tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "3")
                    .getOrCreate();
        }
        return spark;
    }

    record Result(int code, String out, String err) {
        @Override public String toString() { return "exit " + code + "\nstderr: " + err; }
    }

    /** valuekit on one machine. */
    static Result valuekit(String... args) {
        return run(false, args);
    }

    /** valuekit-spark on the shared local[2] session. */
    static Result spark(String... args) {
        session();
        return run(true, args);
    }

    private static Result run(boolean spark, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        Io io = new Io(new ByteArrayInputStream(new byte[0]), out, e, false);
        int code = spark ? SparkMain.execute(args, io) : Main.execute(args, io);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The rows of a table file, or of a directory's part files in name order, as text with every
     * floating-point value as its exact bits; the first entry is the header.
     */
    static List<String> rows(Path path) throws IOException {
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                files = s.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList();
            }
        } else {
            files = List.of(path);
        }
        List<String> rows = new ArrayList<>();
        for (Path f : files) {
            Batch b = Tables.readAll(f.toString(), null, ReadOptions.defaults());
            String header = java.util.stream.IntStream.range(0, b.schema().size()).mapToObj(b.schema()::name)
                    .collect(java.util.stream.Collectors.joining("\t"));
            if (rows.isEmpty()) rows.add(header);
            else if (!rows.get(0).equals(header)) throw new AssertionError("part " + f + " has header " + header);
            for (int i = 0; i < b.rows(); i++) rows.add(row(b, i));
        }
        return rows;
    }

    private static String row(Batch b, int i) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < b.schema().size(); c++) {
            if (c > 0) sb.append('\t');
            Object col = b.column(c);
            if (col instanceof double[] d) sb.append(Long.toHexString(Double.doubleToRawLongBits(d[i])));
            else if (col instanceof long[] l) sb.append(l[i]);
            else if (col instanceof boolean[] z) sb.append(z[i]);
            else if (col instanceof String[] s) sb.append(s[i]);
            else sb.append(col.getClass().getSimpleName()).append('?');
        }
        return sb.toString();
    }

    /** The rows (header first) with the data rows sorted, for outputs whose row order is by partition. */
    static List<String> sorted(List<String> rows) {
        List<String> s = new ArrayList<>(rows.subList(1, rows.size()));
        java.util.Collections.sort(s);
        s.add(0, rows.get(0));
        return s;
    }

    /** Splits a CSV file into {@code n} CSV part files (header repeated) in {@code dir}. */
    static Path splitCsv(Path csv, Path dir, int n) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        Files.createDirectories(dir);
        int rows = lines.size() - 1;
        for (int p = 0; p < n; p++) {
            List<String> part = new ArrayList<>();
            part.add(lines.get(0));
            part.addAll(lines.subList(1 + (int) ((long) rows * p / n), 1 + (int) ((long) rows * (p + 1) / n)));
            Files.write(dir.resolve(String.format("part-%05d.csv", p)), part);
        }
        return dir;
    }
}
