package dev.valuekit.cli;

import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import dev.valuekit.table.Batch;
import dev.valuekit.table.ColumnSelection;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.TableReader;
import dev.valuekit.table.TableWriter;
import dev.valuekit.table.Tables;
import dev.valuekit.table.WriteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code valuekit convert}: any table format to any other, optionally selecting columns and rows. */
@Command(name = "convert",
        header = "Convert tables between Arrow IPC, CSV and gzipped CSV",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "Convert a table between Arrow IPC file (.arrow/.feather), Arrow IPC stream (.arrows), Parquet "
                + "(.parquet), CSV and gzipped CSV (.csv.gz), optionally keeping only some columns or the first rows.",
            "The input format is detected from the file's first bytes; the output format comes from the "
                + "output's extension (stdout: Arrow IPC stream) unless --format is given. Works in batches, "
                + "so memory stays bounded however large the table is. CSV column types are inferred from "
                + "the first batch: episode/step integers, terminated/truncated flags, other numeric "
                + "columns float64, the rest strings."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  # CSV to an Arrow IPC file",
            "  valuekit convert ../shared/datasets/pendulum-random.csv -o pendulum.arrow",
            "  # observations and reward only, first 1000 rows, as gzipped CSV",
            "  valuekit convert pendulum.arrow --select 'obs_*,reward' --head 1000 -o small.csv.gz",
            "  # pipeline glue: Arrow stream on stdin, CSV file out",
            "  valuekit rollout --env pendulum --seed 1 -o - | valuekit convert - -o out.csv",
            "  # a Spark/pyarrow Parquet data set (directory of part files) to one Parquet file",
            "  valuekit convert events.parquet/ -o events-one.parquet",
            "  # a D4RL data set (HDF5) to the transitions table; episodes from terminals/timeouts",
            "  valuekit convert hopper-medium-v2.hdf5 -o hopper.arrow",
            "  # CSV to stdout",
            "  valuekit convert pendulum.arrow --format csv -o - | head"
        })
public final class ConvertCommand extends BaseCommand {
    /** The --format values. */

    @Parameters(index = "0", paramLabel = "INPUT",
            description = "Table to read: Arrow IPC file or stream, Parquet file or directory of part files, CSV or CSV.gz, "
                    + "D4RL/Minari HDF5 or Minari data-set directory, NumPy .npz (detected from content); '-' reads stdin.")
    String input;

    @Mixin
    TableOutputOptions target = new TableOutputOptions();


    @Option(names = "--select", paramLabel = "COLS",
            description = "Keep only these columns, in this order: a comma list of names and * or ? globs, "
                    + "e.g. 'obs_*,reward'. Default: all columns.")
    String select;

    @Option(names = "--head", paramLabel = "N",
            description = "Keep only the first N rows. Default: all rows.")
    Long head;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "65536",
            description = "Rows read and written per batch; bounds memory. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--allow-nan",
            description = "Accept NaN and infinite values in numeric columns. Default: rejected with the row and column.")
    boolean allowNan;

    @Override
    protected int run() throws Exception {
        if (batchSize < 1) throw new BadInputException("--batch-size must be at least 1, got " + batchSize, "e.g. --batch-size 65536");
        if (head != null && head < 0) throw new BadInputException("--head must not be negative, got " + head, "e.g. --head 1000");
        WriteOptions writeOptions = target.writeOptions();
        target.check(); // reject a bad extension before reading anything
        try (TableReader reader = Tables.open(input, io().stdin(), new ReadOptions(batchSize, allowNan, log()))) {
            List<Integer> columns = select == null ? null : ColumnSelection.resolve(reader.schema(), select, reader.source());
            var schema = columns == null ? reader.schema() : reader.schema().select(columns);
            AtomicOutput out = openOutput(target.path());
            long limit = head == null ? Long.MAX_VALUE : head;
            long written = 0;
            try (TableWriter writer = Tables.create(out, schema, writeOptions)) {
                for (Batch b = reader.next(); b != null && written < limit; b = reader.next()) {
                    if (columns != null) b = b.select(columns);
                    if (written + b.rows() > limit) b = b.head((int) (limit - written));
                    writer.write(b);
                    written += b.rows();
                }
                writer.finish();
            }
            log().info("wrote " + written + " rows, " + schema.size() + " columns to " + (out.isStdout() ? "stdout" : target.path()));
        }
        return 0;
    }
}
