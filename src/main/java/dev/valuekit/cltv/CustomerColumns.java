package dev.valuekit.cltv;

import dev.valuekit.table.Schema;

/**
 * The customer-table columns the probabilistic models read, with the names
 * {@link RfmFeatures} writes as defaults.
 */
public record CustomerColumns(String id, String frequency, String recency, String age, String monetary) {
    public static CustomerColumns defaults() {
        return new CustomerColumns("customer_id", "frequency", "recency", "T", "monetary_value");
    }

    /** Column indices in {@code s}, in record order; BadInputException naming a missing one. */
    public int[] resolve(Schema s, String source) {
        return new int[]{s.require(id, source), s.requireNumeric(frequency, source), s.requireNumeric(recency, source),
                s.requireNumeric(age, source), s.requireNumeric(monetary, source)};
    }
}
