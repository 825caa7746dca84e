package dev.valuekit.onnx;

import dev.valuekit.artifact.Artifacts;
import dev.valuekit.cltv.CustomerEncoder;
import dev.valuekit.cltv.NeuralArtifacts;
import dev.valuekit.cltv.NeuralModelType;
import dev.valuekit.cltv.NeuralScorer;
import dev.valuekit.cltv.ZilnBounds;
import dev.valuekit.table.Batch;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Precision;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An exported ZILN / OptDist graph against {@link NeuralScorer} on the same customers, unseen and empty
 * categories included: p_purchase, predicted_ltv and (OptDist) the selected component, exactly.
 */
class CltvGraphParityTest {
    private static final int ROWS = 400;

    @TempDir
    Path tmp;

    @BeforeEach
    void f32() {
        Nd4jRuntime.configure(Precision.F32, 1);
    }

    /** Bounds that bind on these random networks: σ and μ clamped and the value capped on some rows; a mean scale. */
    private static final ZilnBounds TIGHT = new ZilnBounds(0.6, -0.4, 0.5, 0.9, 1.1);
    /** Bounds far outside anything these networks predict, a mean scale below 1. */
    private static final ZilnBounds LOOSE = new ZilnBounds(50, -50, 50, 1e30, 0.8);

    @ParameterizedTest(name = "{0}, {1}, bounded {2}")
    @CsvSource({"ZILN, SLOG1P, true, 31", "OPTDIST, SLOG1P, true, 32", "OPTDIST, NONE, false, 33", "ZILN, NONE, false, 34"})
    void scoresAsValuekit(NeuralModelType type, CustomerEncoder.Transform transform, boolean bounded, long seed) throws Exception {
        Path f = TestModels.cltvFile(tmp, type, transform, bounded ? TIGHT : LOOSE, seed);
        NeuralArtifacts.Loaded loaded = NeuralArtifacts.fromArtifact(Artifacts.read(f), f.toString());
        var net = loaded.network();
        TestModels.Customers c = TestModels.customers(new SplittableRandom(seed), ROWS);
        Batch b = new Batch.Builder(ROWS).addString("customer_id", c.ids().toArray(String[]::new))
                .addDouble("recency", c.recency()).addDouble("frequency", c.frequency()).addDouble("total_spend", c.spend())
                .addString("channel", c.channel()).addString("region", c.region()).build();
        NeuralScorer scorer = new NeuralScorer(net, "customer_id", loaded.bounds());
        Batch ref = scorer.score(b, scorer.resolve(b.schema(), "test"), "test", 1);
        assertTrue(scorer.oovRows() > 0, "the rows include unseen categories");
        if (bounded) {
            double[] ltv = column(ref, "predicted_ltv");
            assertTrue(java.util.Arrays.stream(ltv).anyMatch(v -> v == TIGHT.ltvMax()), "some rows are capped");
        }

        Map<String, double[]> out;
        try (OrtRunner r = new OrtRunner(OnnxExport.export(new OnnxExport.Options(f, null, "test")).onnx())) {
            out = r.floats("recency", c.recency(), ROWS, 0).floats("frequency", c.frequency(), ROWS, 0)
                    .floats("total_spend", c.spend(), ROWS, 0).strings("channel", c.channel()).strings("region", c.region()).run();
        }
        String what = " (" + type.label() + ", " + transform.label() + (bounded ? ", bounded" : "") + ")";
        Parity.check("cltv p_purchase" + what, out.get("p_purchase"), column(ref, "p_purchase"));
        Parity.check("cltv predicted_ltv" + what, out.get("predicted_ltv"), column(ref, "predicted_ltv"));
        if (type == NeuralModelType.OPTDIST) {
            assertArrayEquals(column(ref, "component"), out.get("component"), "the selector picks the same sub-network");
        } else {
            assertFalse(out.containsKey("component"));
        }
    }

    private static double[] column(Batch b, String name) {
        int c = b.schema().indexOf(name);
        double[] v = new double[b.rows()];
        for (int i = 0; i < v.length; i++) v[i] = b.getDouble(c, i);
        return v;
    }
}
