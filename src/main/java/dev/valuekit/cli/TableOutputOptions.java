package dev.valuekit.cli;

import dev.valuekit.table.TableFormat;
import dev.valuekit.table.WriteOptions;
import picocli.CommandLine.Option;

/** {@code -o/--output} and {@code --format} for every command that writes a table. */
public final class TableOutputOptions {
    /** The --format values. */
    enum Format {
        csv(TableFormat.CSV), arrow(TableFormat.ARROW_FILE), arrows(TableFormat.ARROW_STREAM), parquet(TableFormat.PARQUET);

        final TableFormat table;

        Format(TableFormat table) { this.table = table; }
    }

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTPUT",
            description = "Table to write: .arrow/.feather (Arrow IPC file), .arrows (Arrow IPC stream), .parquet, .csv, .csv.gz; "
                    + "'-' writes stdout (Arrow IPC stream unless --format csv). Written atomically.")
    @OutputFile
    String output;

    @Option(names = "--format", paramLabel = "csv|arrow|arrows|parquet",
            description = "Output format, overriding the extension: csv, arrow (IPC file), arrows (IPC stream) or parquet. "
                    + "Default: from the output's extension; Arrow IPC stream on stdout.")
    Format format;

    /** The output path as given ({@code -} = stdout). */
    public String path() { return output; }

    public WriteOptions writeOptions() {
        return new WriteOptions(format == null ? null : format.table);
    }

    /** Rejects an unknown extension before any work is done (no reading, no training). */
    public void check() {
        dev.valuekit.table.Tables.outputFormat(output, writeOptions());
    }
}
