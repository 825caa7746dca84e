package dev.valuekit.cltv;

import dev.valuekit.common.BadInputException;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.table.Batch;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.TableReader;
import dev.valuekit.table.Tables;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code predict-cltv features} as a library call: a transaction log file → one row of RFM features
 * and label per customer. The per-customer arithmetic is {@link RfmFeatures#compute}, which a
 * data-parallel job can call on the log of each customer partition.
 */
public final class CustomerFeatures {
    private CustomerFeatures() {}

    /**
     * @param transactions the log: a table file, {@code -} (stdin, table layout only) or a CDNOW text file
     * @param format       its layout; AUTO decides from the first line
     * @param columns      customer, date and amount columns of a table log
     * @param features     calibration and label windows, unit, recent-activity windows
     * @param attributes   log columns copied per customer (first row) as text columns; table files only
     */
    public record Options(String transactions, LogFormat format, LogColumns columns, FeatureOptions features, List<String> attributes) {
        public Options {
            if (transactions == null) throw new BadInputException("no transaction log given", "add --transactions LOG");
            if (format == null) format = LogFormat.AUTO;
            if (columns == null) columns = LogColumns.defaults();
            attributes = attributes == null ? List.of() : List.copyOf(attributes);
            if (!attributes.isEmpty() && ("-".equals(transactions) || (format != LogFormat.AUTO && format != LogFormat.TABLE))) {
                throw new BadInputException("--attributes needs a table log read from a file", "pass a CSV or Arrow log file, or drop --attributes");
            }
        }
    }

    /** The customer table; bad input when no customer bought on or before the calibration end. */
    public static Batch compute(Options o, InputStream stdin, ProgressListener log) throws IOException {
        RfmFeatures.Result r = summarize(o, stdin, log);
        Batch table = r.table();
        if (!o.attributes().isEmpty()) {
            try (TableReader reader = Tables.open(o.transactions(), stdin, ReadOptions.defaults().withListener(log))) {
                table = CustomerAttributes.read(reader, o.columns().customer(), o.attributes()).append(table, "customer_id", o.transactions());
            }
        }
        return table;
    }

    /**
     * The RFM summary without attributes (with each customer's label-window purchase count, for
     * diagnostics); bad input when no customer bought on or before the calibration end.
     */
    public static RfmFeatures.Result summarize(Options o, InputStream stdin, ProgressListener log) throws IOException {
        TransactionLog transactions = read(o, resolveFormat(o), stdin, log);
        log.info("read " + transactions.size() + " purchases of " + transactions.customers() + " customers from " + transactions.source());
        RfmFeatures.Result r = RfmFeatures.compute(transactions, o.features());
        if (r.customers() == 0) {
            throw BadInputException.inFile("no customer bought on or before the calibration end " + o.features().calibrationEnd(),
                    transactions.source(), "choose a later --calibration-end");
        }
        if (r.laterCustomers() > 0) log.info(r.laterCustomers() + " customers first bought after the calibration end and are left out");
        return r;
    }

    /** AUTO resolved from the file; attributes are read in a second pass, so they need a table file. */
    private static LogFormat resolveFormat(Options o) throws IOException {
        boolean stdin = "-".equals(o.transactions());
        if (!stdin && !Files.isRegularFile(Path.of(o.transactions()))) {
            throw BadInputException.inFile("transaction log not found", o.transactions(), "check the path");
        }
        LogFormat f = o.format() != LogFormat.AUTO ? o.format() : stdin ? LogFormat.TABLE : TransactionLogReader.detect(Path.of(o.transactions()));
        if (!o.attributes().isEmpty() && f != LogFormat.TABLE) {
            throw new BadInputException("--attributes needs a table log read from a file", "pass a CSV or Arrow log file, or drop --attributes");
        }
        return f;
    }

    private static TransactionLog read(Options o, LogFormat format, InputStream stdin, ProgressListener log) throws IOException {
        if (format != LogFormat.TABLE) {
            if ("-".equals(o.transactions())) {
                throw new BadInputException("--transactions-format " + format.label() + " cannot read stdin", "pass the file path");
            }
            return TransactionLogReader.readWhitespace(Path.of(o.transactions()), format);
        }
        try (TableReader reader = Tables.open(o.transactions(), stdin, ReadOptions.defaults().withListener(log))) {
            return TransactionLogReader.readTable(reader, o.columns());
        }
    }
}
