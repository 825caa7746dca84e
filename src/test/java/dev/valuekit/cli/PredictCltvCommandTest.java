package dev.valuekit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.table.Batch;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.Tables;
import dev.valuekit.testutil.Cli;
import dev.valuekit.testutil.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredictCltvCommandTest {
    @TempDir Path tmp;

    /** Rounds to the published digits: within half a unit of the last published decimal. */
    private static void assertPublished(double published, int decimals, double fitted) {
        assertEquals(published, fitted, 0.5 * Math.pow(10, -decimals) + 1e-12, "published " + published + ", fitted " + fitted);
    }

    @Test
    void cdnowSampleFromLogToPublishedParameters() throws Exception {
        Path log = SharedData.dataset("cdnow-sample-transactions.txt");
        String customers = tmp.resolve("customers.arrow").toString(), model = tmp.resolve("bgnbd.safetensors").toString();
        Cli.Result f = Cli.run("predict-cltv", "features", "--transactions", log.toString(), "--calibration-end", "1997-09-30",
                "--holdout-end", "1998-06-30", "--unit", "week", "-o", customers);
        assertEquals(0, f.code(), f.toString());
        Batch t = Tables.readAll(customers, null, ReadOptions.defaults());
        assertEquals(2357, t.rows());
        assertEquals("customer_id", t.schema().name(0));

        Cli.Result fit = Cli.run("predict-cltv", "fit", "--method", "bgnbd", "--input", customers, "-o", model);
        assertEquals(0, fit.code(), fit.toString());
        Artifact a = Artifacts.read(Path.of(model), "cltv");
        assertEquals("week", a.spec().get("unit").asText());
        double[] bg = a.tensor("bgnbd.params", model).data(), gg = a.tensor("gamma_gamma.params", model).data();
        assertPublished(0.243, 3, bg[0]);
        assertPublished(4.414, 3, bg[1]);
        assertPublished(0.793, 3, bg[2]);
        assertPublished(2.426, 3, bg[3]);
        assertEquals(-9582.4, a.spec().get("fit").get("bgnbd_log_likelihood").asDouble(), 0.1);
        assertEquals(946, a.spec().get("fit").get("repeat_buyers").asInt());
        assertPublished(6.25, 2, gg[0]);
        assertPublished(3.74, 2, gg[1]);
        assertPublished(15.44, 2, gg[2]);

        String predictions = tmp.resolve("predictions.csv").toString();
        Cli.Result s = Cli.run("predict-cltv", "score", "--model", model, "--input", customers, "--horizon", "39", "--batch-size", "500", "-o", predictions);
        assertEquals(0, s.code(), s.toString());
        Batch p = Tables.readAll(predictions, null, ReadOptions.defaults());
        assertEquals(2357, p.rows());
        int pp = p.schema().require("p_purchase", "p"), pl = p.schema().require("predicted_ltv", "p"), ep = p.schema().require("expected_purchases", "p");
        double sumExpected = 0;
        for (int i = 0; i < p.rows(); i++) {
            assertTrue(p.getDouble(pp, i) >= 0 && p.getDouble(pp, i) <= 1);
            assertTrue(p.getDouble(pl, i) >= 0);
            sumExpected += p.getDouble(ep, i);
        }
        // Summed conditional expectations for weeks 40-78, recomputed with scipy.special.hyp2f1 at the
        // fitted parameters: 1653.41 (the cohort actually made 1,882 purchase days then).
        assertEquals(1653.41, sumExpected, 0.5);

        Res e = evaluate("--predictions", predictions, "--truth", customers, "--json", "--plot", tmp.resolve("gain.png").toString());
        assertEquals(0, e.code, e.err);
        JsonNode j = new ObjectMapper().readTree(e.out);
        assertEquals(2357, j.get("customers").asInt());
        double gini = j.get("all").get("normalized_gini").asDouble();
        assertTrue(gini > 0.3 && gini < 1, "normalized Gini " + gini);
        assertEquals(10, j.get("deciles").size());
        assertTrue(Files.size(tmp.resolve("gain.png")) > 1000);
        assertEquals("p_purchase", j.get("auc_score").asText());
    }

    @Test
    void csvLogWithOwnColumnNames() throws Exception {
        Path log = tmp.resolve("orders.csv");
        Files.writeString(log, "user,ts,revenue\n7,20240101,10\n7,20240101,5\n7,2024-01-15,20\n8,2024-01-20,4\n7,2024-02-10,30\n");
        String out = tmp.resolve("c.csv").toString();
        Cli.Result r = Cli.run("predict-cltv", "features", "--transactions", log.toString(), "--customer-column", "user", "--date-column", "ts",
                "--amount-column", "revenue", "--calibration-end", "2024-01-31", "--holdout-end", "2024-02-29", "--unit", "day", "--windows", "7", "-o", out);
        assertEquals(0, r.code(), r.toString());
        Batch t = Tables.readAll(out, null, ReadOptions.defaults());
        assertEquals(2, t.rows());
        assertEquals("7", t.getString(0, 0));
        assertEquals(1.0, t.getDouble(t.schema().require("frequency", out), 0));
        assertEquals(14.0, t.getDouble(t.schema().require("recency", out), 0));
        assertEquals(30.0, t.getDouble(t.schema().require("T", out), 0));
        assertEquals(15.0, t.getDouble(t.schema().require("first_amount", out), 0));
        assertEquals(30.0, t.getDouble(t.schema().require("ltv", out), 0));
        assertTrue(t.schema().has("purchases_last_7d"));
        // fit refuses a unit that contradicts the table's window columns
        Cli.Result fit = Cli.run("predict-cltv", "fit", "--method", "bgnbd", "--input", out, "--unit", "week", "-o", tmp.resolve("m.safetensors").toString());
        assertEquals(2, fit.code(), fit.toString());
        assertTrue(fit.stderr().contains("window columns are in days"), fit.stderr());
    }

    @Test
    void evaluateRejectsAMissingLabelColumn() throws Exception {
        Path pred = tmp.resolve("p.csv"), truth = tmp.resolve("t.csv");
        Files.writeString(pred, "customer_id,predicted_ltv\na,1\nb,2\n");
        Files.writeString(truth, "customer_id,spend\na,0\nb,3\n");
        Res e = evaluate("--predictions", pred.toString(), "--truth", truth.toString());
        assertEquals(2, e.code, e.err);
        assertTrue(e.err.contains("missing column 'ltv'"), e.err);
        assertFalse(e.err.strip().contains("\n"), e.err);
        Res ok = evaluate("--predictions", pred.toString(), "--truth", truth.toString(), "--label", "spend");
        assertEquals(0, ok.code, ok.err);
        assertTrue(ok.out.contains("normalized_gini"), ok.out);
    }

    @Test
    void helpEndsWithExamples() {
        for (String step : new String[]{"features", "fit", "score"}) {
            Cli.Result r = Cli.run("predict-cltv", step, "--help");
            assertEquals(0, r.code());
            assertTrue(r.stdout().contains("Examples:"), r.stdout());
        }
    }

    private record Res(int code, String out, String err) {}

    /** 'evaluate' is owned by another branch; until it is merged, host 'cltv' under a stand-in parent. */
    @Command(name = "evaluate", subcommands = {EvaluateCltvCommand.class})
    static final class EvaluateHost implements Runnable {
        @Override public void run() {}
    }

    private static Res evaluate(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        Io io = new Io(new ByteArrayInputStream(new byte[0]), out, errStream, false);
        CommandLine cl = Main.commandLine(io);
        if (!cl.getSubcommands().containsKey("evaluate")) cl.addSubcommand(EvaluateHost.class);
        String[] full = new String[args.length + 2];
        full[0] = "evaluate";
        full[1] = "cltv";
        System.arraycopy(args, 0, full, 2, args.length);
        int code = cl.execute(full);
        return new Res(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
