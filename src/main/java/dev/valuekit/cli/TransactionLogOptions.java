package dev.valuekit.cli;

import dev.valuekit.cltv.LogColumns;
import dev.valuekit.cltv.LogFormat;
import dev.valuekit.cltv.TransactionLog;
import dev.valuekit.cltv.TransactionLogReader;
import dev.valuekit.common.BadInputException;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.TableReader;
import dev.valuekit.table.Tables;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --transactions} and how to read it, for every command that reads a transaction log. */
public final class TransactionLogOptions {
    @Option(names = "--transactions", required = true, paramLabel = "LOG",
            description = "Transaction log: a table (CSV, Arrow; '-' = stdin) or a CDNOW text file, see --transactions-format.")
    String transactions;

    @Option(names = "--transactions-format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "auto, table, cdnow or cdnow-sample. Default: ${DEFAULT-VALUE} (Arrow or a comma in the first line: "
                    + "table; 4 fields with header customer_id: cdnow; 5 numeric fields: cdnow-sample).")
    String logFormat;

    @Option(names = "--customer-column", defaultValue = "customer_id", paramLabel = "NAME",
            description = "Customer id column of a table log. Default: ${DEFAULT-VALUE}.")
    String customerColumn;

    @Option(names = "--date-column", defaultValue = "date", paramLabel = "NAME",
            description = "Purchase date column of a table log (YYYY-MM-DD or YYYYMMDD). Default: ${DEFAULT-VALUE}.")
    String dateColumn;

    @Option(names = "--amount-column", defaultValue = "amount", paramLabel = "NAME",
            description = "Purchase amount column of a table log (>= 0). Default: ${DEFAULT-VALUE}.")
    String amountColumn;

    /** The log's path as given ({@code -} = stdin). */
    public String path() { return transactions; }

    /** The layout, AUTO resolved from the file's first line (stdin is always a table). */
    public LogFormat format() throws IOException {
        LogFormat f = LogFormat.parse(logFormat);
        if (f != LogFormat.AUTO) return f;
        return "-".equals(transactions) ? LogFormat.TABLE : TransactionLogReader.detect(Path.of(transactions));
    }

    public TransactionLog read(InputStream stdin) throws IOException {
        boolean stdinLog = "-".equals(transactions);
        if (!stdinLog && !Files.isRegularFile(Path.of(transactions))) {
            throw BadInputException.inFile("transaction log not found", transactions, "check the path");
        }
        LogFormat format = format();
        if (format != LogFormat.TABLE) {
            if (stdinLog) throw new BadInputException("--transactions-format " + format.label() + " cannot read stdin", "pass the file path");
            return TransactionLogReader.readWhitespace(Path.of(transactions), format);
        }
        try (TableReader reader = Tables.open(transactions, stdin, ReadOptions.defaults())) {
            return TransactionLogReader.readTable(reader, new LogColumns(customerColumn, dateColumn, amountColumn));
        }
    }
}
