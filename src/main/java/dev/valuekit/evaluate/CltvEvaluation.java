package dev.valuekit.evaluate;

import dev.valuekit.common.BadInputException;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.table.TableReader;

import java.io.IOException;
import java.util.Map;

/**
 * {@code evaluate cltv} as a library call: predictions joined to the truth on the customer id, then
 * {@link CltvMetrics}. The report renders with {@link CltvReportFormat}; the joined arrays feed
 * {@link CltvPlot}.
 */
public final class CltvEvaluation {
    private CltvEvaluation() {}

    /**
     * @param idColumn          customer id column in both tables
     * @param labelColumn       true value column of the truth table
     * @param predictionColumn  predicted value column
     * @param probabilityColumn purchase probability column for the AUC, used when the predictions have it
     */
    public record Options(String idColumn, String labelColumn, String predictionColumn, String probabilityColumn) {
        public Options {
            if (idColumn == null) idColumn = "customer_id";
            if (labelColumn == null) labelColumn = "ltv";
            if (predictionColumn == null) predictionColumn = "predicted_ltv";
            if (probabilityColumn == null) probabilityColumn = "p_purchase";
        }

        public Options() { this(null, null, null, null); }
    }

    public record Result(CltvReport report, CltvJoin.Joined joined) {}

    public static Result evaluate(TableReader truth, TableReader predictions, Options o, ProgressListener log) throws IOException {
        Map<String, Double> labels = CltvJoin.truth(truth, o.idColumn(), o.labelColumn());
        String prob = predictions.schema().has(o.probabilityColumn()) ? o.probabilityColumn() : null;
        CltvJoin.Joined j = CltvJoin.join(labels, predictions, o.idColumn(), o.predictionColumn(), prob);
        if (j.label().length == 0) {
            throw BadInputException.inFile("no customer id of the predictions is in the truth table", predictions.source(),
                    "check that both tables use the same ids and --id-column");
        }
        if (j.unmatchedPredictions() > 0) log.warn(j.unmatchedPredictions() + " predicted customers are not in " + truth.source() + "; left out");
        if (j.unmatchedTruth() > 0) log.warn(j.unmatchedTruth() + " customers of " + truth.source() + " have no prediction; left out");
        return new Result(CltvMetrics.compute(j.label(), j.prediction(), j.pPurchase()), j);
    }
}
