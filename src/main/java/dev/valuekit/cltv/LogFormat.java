package dev.valuekit.cltv;

import dev.valuekit.common.BadInputException;
import dev.valuekit.common.Suggestions;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a transaction log is laid out. {@code TABLE}: any valuekit table (CSV with header, Arrow)
 * with customer, date and amount columns. {@code CDNOW}: Fader &amp; Hardie's whitespace-separated
 * full log, header {@code customer_id date number_of_cds dollar_value}. {@code CDNOW_SAMPLE}: their
 * headerless 1/10 sample {@code master_id sample_id date cds dollars}. {@code AUTO} picks one from
 * the file's first line (see {@link TransactionLogReader#detect}).
 */
public enum LogFormat {
    AUTO, TABLE, CDNOW, CDNOW_SAMPLE;

    public String label() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    /** The label: what the command line takes and --help lists. */
    @Override public String toString() { return label(); }

    public static LogFormat parse(String s) {
        for (LogFormat f : values()) if (f.label().equals(s.toLowerCase(Locale.ROOT))) return f;
        List<String> labels = Arrays.stream(values()).map(LogFormat::label).toList();
        throw new BadInputException("unknown log format '" + s + "'", Suggestions.fix(s, labels, "use auto, table, cdnow or cdnow-sample"));
    }
}
