package dev.valuekit.spark;

import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.artifact.DType;
import dev.valuekit.cltv.CltvArtifacts;
import dev.valuekit.cltv.CltvScorer;
import dev.valuekit.cltv.CltvScoring;
import dev.valuekit.cltv.NeuralModelType;
import dev.valuekit.common.BadInputException;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.table.Batch;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.TableReader;
import dev.valuekit.table.TableWriter;
import dev.valuekit.table.Tables;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Precision;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * {@code predict-cltv score} on Spark: the model file is broadcast once; each input part is scored by
 * one task with the CLI's {@link CltvScorer}, batch by batch, into its own output part. BG/NBD scores
 * are per-row closed forms, so they equal the single-machine values bit for bit; neural scores run the
 * same network with one BLAS thread per task (see the equality tests for the tolerance).
 */
final class CltvScoreJob implements SparkJob {
    @Override
    public Set<String> options() {
        return Set.of("--model", "--input", "--output", "--format", "--horizon", "--discount-rate", "--batch-size");
    }

    /** What a task needs; {@link CltvScoring.Options} itself is not Serializable. */
    private record Task(ModelFile model, Double horizon, double discountRate, int batchSize, Precision precision) implements Serializable {
        CltvScorer scorer(ProgressListener log) {
            Artifact a = model.read(CltvArtifacts.KIND);
            if (precision != null) Nd4jRuntime.configure(precision, 1);   // one BLAS thread per task; the model keeps its own precision
            return CltvScoring.scorer(a, model.name(), new CltvScoring.Options(horizon, discountRate, batchSize), log);
        }
    }

    /** Rows scored by one task and the warnings its scorer gave. */
    private record PartResult(long rows, List<String> warnings) implements Serializable {}

    @Override
    public int run(JobContext job) throws Exception {
        String model = job.option("--model");
        Double horizon = job.option("--horizon");
        double discountRate = job.option("--discount-rate");
        int batchSize = job.option("--batch-size");
        CltvScoring.Options options = new CltvScoring.Options(horizon, discountRate, batchSize);
        // The driver loads the model and checks the first part's columns: bad input stops here, before any task.
        Artifact a = Artifacts.read(Path.of(model), CltvArtifacts.KIND);
        Precision precision = NeuralModelType.of(CltvArtifacts.type(a, model)) == null ? null
                : a.tensors().values().iterator().next().dtype() == DType.F64 ? Precision.F64 : Precision.F32;
        CltvScorer scorer = CltvScoring.scorer(a, model, options, job.log());
        InputParts in = InputParts.of(job.option("--input"), "--input");
        try (TableReader r = Tables.open(in.first(), null, new ReadOptions(batchSize, false))) {
            scorer.resolve(r.schema(), r.source());
        }
        PartitionedOutput out = PartitionedOutput.open(job.output());
        try {
            JavaSparkContext sc = job.context();
            Task task = new Task(ModelFile.broadcast(sc, model), horizon, discountRate, batchSize, precision);
            List<PartResult> parts = sc.parallelize(IntStream.range(0, in.size()).boxed().toList(), in.size())
                    .map(p -> score(task, in.files().get(p), p, out)).collect();
            long rows = 0;
            Set<String> warnings = new LinkedHashSet<>();
            for (PartResult p : parts) {
                rows += p.rows();
                warnings.addAll(p.warnings());
            }
            if (rows == 0) throw BadInputException.inFile("no customers to score", in.name(), "the customer table is empty");
            out.commit();
            warnings.forEach(job.log()::warn);
            job.log().info("scored " + scorer.describe(rows) + " to " + out.name() + " (" + in.size() + " part(s))");
            return 0;
        } finally {
            out.abort();
        }
    }

    /** One input part → one output part (none when the part is empty). */
    private static PartResult score(Task task, String file, int index, PartitionedOutput out) throws Exception {
        List<String> warnings = new ArrayList<>();
        ProgressListener log = new ProgressListener() {
            @Override public void warn(String message) { warnings.add(message); }
        };
        CltvScorer scorer = task.scorer(ProgressListener.NONE);
        long rows = 0;
        try (TableReader reader = Tables.open(file, null, new ReadOptions(task.batchSize(), false))) {
            int[] cols = scorer.resolve(reader.schema(), reader.source());
            TableWriter writer = null;
            try {
                for (Batch b = reader.next(); b != null; b = reader.next()) {
                    Batch scored = scorer.score(b, cols, reader.source(), reader.rowsRead() - b.rows() + 1);
                    if (writer == null) writer = out.part(index, scored.schema());
                    writer.write(scored);
                    rows += scored.rows();
                }
                if (writer != null) writer.finish();
            } finally {
                if (writer != null) writer.close();
            }
        }
        scorer.finish(log);
        return new PartResult(rows, warnings);
    }
}
