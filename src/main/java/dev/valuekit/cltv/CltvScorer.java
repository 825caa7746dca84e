package dev.valuekit.cltv;

import dev.valuekit.common.ProgressListener;
import dev.valuekit.table.Batch;
import dev.valuekit.table.Schema;

/**
 * A cltv model ready to score customer batches, whatever its family (BG/NBD with Gamma-Gamma, or a
 * neural ZILN/OptDist network). One batch in, one batch out, so a caller can score a stream, a
 * partition or a single batch and get the same rows: {@code predict-cltv score} streams a table
 * through {@link CltvScoring#run}
 * (scorers come from {@link CltvScoring#scorer}); a data-parallel job calls {@link #score} per partition.
 */
public interface CltvScorer {
    /** Column indices of the customer columns the model needs, checked against the schema (bad input names the column). */
    int[] resolve(Schema schema, String source);

    /** Scores one batch; {@code firstRow} is the 1-based row of its first customer, for error messages. */
    Batch score(Batch batch, int[] columns, String source, long firstRow);

    /** What scoring {@code rows} customers did, for the log (e.g. "over 52.0 weeks"). */
    String describe(long rows);

    /** Called once all batches are scored: warnings about what was seen (unseen categories). */
    default void finish(ProgressListener log) {}

}
