package dev.valuekit.cli;

import dev.valuekit.cltv.CustomerFeatures;
import dev.valuekit.cltv.FeatureOptions;
import dev.valuekit.cltv.LogColumns;
import dev.valuekit.cltv.LogFormat;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code --transactions} and how to read it, for every command that reads a transaction log. */
public final class TransactionLogOptions {
    @Option(names = "--transactions", required = true, paramLabel = "LOG",
            description = "Transaction log: a table (CSV, Arrow; '-' = stdin) or a CDNOW text file, see --transactions-format.")
    String transactions;

    @Option(names = "--transactions-format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE} (Arrow or a comma in the first line: "
                    + "table; 4 fields with header customer_id: cdnow; 5 numeric fields: cdnow-sample).")
    LogFormat logFormat;

    @Option(names = "--customer-column", defaultValue = "customer_id", paramLabel = "NAME",
            description = "Customer id column of a table log. Default: ${DEFAULT-VALUE}.")
    String customerColumn;

    @Option(names = "--date-column", defaultValue = "date", paramLabel = "NAME",
            description = "Purchase date column of a table log (YYYY-MM-DD or YYYYMMDD). Default: ${DEFAULT-VALUE}.")
    String dateColumn;

    @Option(names = "--amount-column", defaultValue = "amount", paramLabel = "NAME",
            description = "Purchase amount column of a table log (>= 0). Default: ${DEFAULT-VALUE}.")
    String amountColumn;

    /** The log and the features to compute from it, as the domain's options. */
    public CustomerFeatures.Options options(FeatureOptions features, List<String> attributes) {
        return new CustomerFeatures.Options(transactions, logFormat, new LogColumns(customerColumn, dateColumn, amountColumn), features, attributes);
    }
}
