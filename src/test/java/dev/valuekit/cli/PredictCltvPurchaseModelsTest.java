package dev.valuekit.cli;

import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.table.Batch;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.Tables;
import dev.valuekit.testutil.Cli;
import dev.valuekit.testutil.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MBG/NBD and Pareto/NBD through the CLI: fit, score, diagnose; the no-dropout boundary in inspect. */
class PredictCltvPurchaseModelsTest {
    @TempDir Path tmp;

    private static Cli.Result ok(String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.code(), r.toString());
        return r;
    }

    @Test
    void paretoAndMbgFitScoreAndDiagnoseOnTheCdnowSample() throws Exception {
        String log = SharedData.dataset("cdnow-sample-transactions.txt").toString();
        String customers = tmp.resolve("c.arrow").toString();
        ok("predict-cltv", "features", "--transactions", log, "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30", "-o", customers);
        for (String type : new String[] {"paretonbd", "mbgnbd"}) {
            String m = tmp.resolve(type + ".safetensors").toString(), p = tmp.resolve(type + ".csv").toString();
            ok("predict-cltv", "fit", "--method", type, "-i", customers, "-o", m);
            Artifact a = Artifacts.read(Path.of(m), "cltv");
            assertEquals(type, a.spec().get("model").asText());
            assertEquals(4, a.tensor(type + ".params", m).data().length);
            assertTrue(a.spec().get("fit").get(type + "_log_likelihood").asDouble() < -9000);
            ok("predict-cltv", "score", "-m", m, "-i", customers, "--horizon", "39", "-o", p);
            Batch b = Tables.readAll(p, null, ReadOptions.defaults());
            assertEquals(2357, b.rows());
            double sumExpected = 0;
            for (int i = 0; i < b.rows(); i++) {
                double alive = b.getDouble(b.schema().indexOf("p_alive"), i), pp = b.getDouble(b.schema().indexOf("p_purchase"), i);
                double e = b.getDouble(b.schema().indexOf("expected_purchases"), i);
                assertTrue(alive >= 0 && alive <= 1 && pp >= 0 && pp <= alive + 1e-12 && e >= 0 && Double.isFinite(b.getDouble(2, i)), "row " + i);
                sumExpected += e;
            }
            // The CDNOW sample's 2,357 customers made 1,788 repeat purchases in the 39-week holdout (Fader et al.);
            // Pareto/NBD forecasts it within a few per cent, MBG/NBD (which lets one-time buyers be dead) about 12 % low.
            assertEquals(1788, sumExpected, 0.15 * 1788, type);
            String png = tmp.resolve(type + ".png").toString();
            Cli.Result d = ok("predict-cltv", "diagnose", "-m", m, "--transactions", log, "--calibration-end", "1997-09-30",
                    "--holdout-end", "1998-06-30", "--plot", png);
            assertTrue(d.stdout().contains("mean_predicted") && d.stdout().lines().anyMatch(l -> l.startsWith("7+")), d.stdout());
            BufferedImage img = ImageIO.read(Path.of(png).toFile());
            assertEquals(1920, img.getWidth());
        }
    }

    @Test
    void aFitAtTheNoDropoutEdgeWarnsAndInspectShowsTheLimitingModel() throws Exception {
        // Everybody still buying at the calibration end: nothing in the data speaks for dropout, a runs to 0.
        StringBuilder sb = new StringBuilder("customer_id,frequency,recency,T,monetary_value\n");
        for (int i = 0; i < 300; i++) {
            int x = 2 + i % 9;
            sb.append("c").append(i).append(',').append(x).append(",30,30,").append(10 + i % 7).append('\n');
        }
        Path t = tmp.resolve("loyal.csv");
        Files.writeString(t, sb.toString());
        String m = tmp.resolve("bg.safetensors").toString();
        Cli.Result r = ok("predict-cltv", "fit", "--method", "bgnbd", "-i", t.toString(), "-o", m);
        assertTrue(r.stderr().contains("ran to the boundary where nobody drops out"), r.stderr());
        Cli.Result i = ok("inspect", m);
        assertTrue(i.stdout().contains("limiting_model") && i.stdout().contains("NBD (no dropout"), i.stdout());
    }
}
