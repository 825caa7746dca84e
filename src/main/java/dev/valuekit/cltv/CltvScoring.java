package dev.valuekit.cltv;

import dev.valuekit.artifact.Artifact;
import dev.valuekit.common.BadInputException;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.table.Batch;
import dev.valuekit.table.Schema;
import dev.valuekit.table.TableReader;
import dev.valuekit.table.TableWriter;

import java.io.IOException;

/** {@code predict-cltv score} as a library call: a cltv model applied to a customer table, batch by batch. */
public final class CltvScoring {
    private CltvScoring() {}

    /**
     * @param horizon      prediction horizon in the model's unit; null = about a year (probabilistic models only)
     * @param discountRate monthly discount rate for predicted_ltv, in [0, 1) (probabilistic models only)
     * @param batchSize    customers per batch; bounds memory
     */
    public record Options(Double horizon, double discountRate, int batchSize) {
        public static final int DEFAULT_BATCH_SIZE = 65536;

        public Options {
            if (batchSize < 1) throw new BadInputException("--batch-size must be at least 1, got " + batchSize, "e.g. --batch-size 65536");
            new ScoreOptions(horizon == null ? 1 : horizon, discountRate);   // the math options' own checks
        }

        public Options() { this(null, 0, DEFAULT_BATCH_SIZE); }
    }

    /** Opens the output writer once the first scored batch shows the output schema. */
    public interface Sink {
        TableWriter open(Schema schema) throws IOException;
    }

    /** The scorer for a cltv model file's artifact; {@code source} names the file in messages. */
    public static CltvScorer scorer(Artifact a, String source, Options o, ProgressListener log) {
        String type = CltvArtifacts.type(a, source);
        if (NeuralModelType.of(type) == null) {
            ProbabilisticModel m = CltvArtifacts.fromArtifact(a, source);
            return new Probabilistic(new ProbabilisticScorer(m, new ScoreOptions(
                    o.horizon() != null ? o.horizon() : m.unit().defaultHorizon(), o.discountRate())), CltvArtifacts.columns(a, source), m.unit());
        }
        if (o.horizon() != null || o.discountRate() != 0) {
            log.warn("--horizon and --discount-rate are ignored: a " + type
                    + " model predicts the spend of the label window it was trained on");
        }
        NeuralArtifacts.Loaded loaded = NeuralArtifacts.fromArtifact(a, source);
        return new Neural(new NeuralScorer(loaded.network(), loaded.idColumn(), loaded.bounds()));
    }

    /**
     * Reads customers batch by batch and streams their scores to the sink (bounded memory); returns the
     * number of customers scored. An empty table is bad input and opens no output.
     */
    public static long run(CltvScorer scorer, TableReader reader, Sink sink, ProgressListener log) throws IOException {
        long rows = 0;
        int[] cols = scorer.resolve(reader.schema(), reader.source());
        TableWriter writer = null;
        try {
            for (Batch b = reader.next(); b != null; b = reader.next()) {
                Batch out = scorer.score(b, cols, reader.source(), reader.rowsRead() - b.rows() + 1);
                if (writer == null) writer = sink.open(out.schema());
                writer.write(out);
                rows += out.rows();
            }
            if (writer == null) throw BadInputException.inFile("no customers to score", reader.source(), "the customer table is empty");
            writer.finish();
        } finally {
            if (writer != null) writer.close();
        }
        scorer.finish(log);
        return rows;
    }

    private record Probabilistic(ProbabilisticScorer scorer, CustomerColumns names, PeriodUnit unit) implements CltvScorer {
        @Override public int[] resolve(Schema s, String source) { return names.resolve(s, source); }

        @Override public Batch score(Batch b, int[] cols, String source, long firstRow) {
            return scorer.score(b, cols, source, firstRow, names);
        }

        @Override public String describe(long rows) {
            return rows + " customers over " + scorer.options().horizon() + " " + unit.label() + "s";
        }
    }

    private record Neural(NeuralScorer scorer) implements CltvScorer {
        @Override public int[] resolve(Schema s, String source) { return scorer.resolve(s, source); }

        @Override public Batch score(Batch b, int[] cols, String source, long firstRow) {
            return scorer.score(b, cols, source, firstRow);
        }

        @Override public String describe(long rows) { return rows + " customers"; }

        @Override public void finish(ProgressListener log) {
            if (scorer.oovRows() > 0) {
                log.warn(scorer.oovRows() + " customers had a category not seen in training (first: " + scorer.firstOov()
                        + "); they were scored with the out-of-vocabulary embedding");
            }
        }
    }
}
