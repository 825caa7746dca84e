package dev.valuekit.spark;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.valuekit.spark.LocalSpark.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** predict-cltv score on local[2] against valuekit on one machine, over 1 and 3 input parts. */
class CltvScoreJobTest {
    @TempDir static Path tmp;
    static Path customers;

    @BeforeAll
    static void models() throws Exception {
        Path log = tmp.resolve("log.csv");
        customers = tmp.resolve("customers.csv");
        ok(LocalSpark.valuekit("predict-cltv", "synth", "--customers", "3000", "--seed", "5", "-o", log.toString()));
        ok(LocalSpark.valuekit("predict-cltv", "features", "--transactions", log.toString(), "--calibration-end", "2024-09-29",
                "--holdout-end", "2025-06-29", "-o", customers.toString()));
        ok(LocalSpark.valuekit("predict-cltv", "fit", "--method", "bgnbd", "-i", customers.toString(), "-o", tmp.resolve("bgnbd.safetensors").toString()));
        ok(LocalSpark.valuekit("predict-cltv", "fit", "--method", "optdist", "-i", customers.toString(), "--max-epochs", "2",
                "-o", tmp.resolve("optdist.safetensors").toString()));
    }

    static void ok(LocalSpark.Result r) { assertEquals(0, r.code(), r.toString()); }

    /** Scores with both command lines; returns {single-machine rows, Spark rows} for 1 and 3 parts. */
    static List<List<String>> score(String model, int parts, String... more) throws Exception {
        Path one = tmp.resolve(model + "-" + parts + "-one.arrow"), dist = tmp.resolve(model + "-" + parts + "-spark.arrow");
        String in = parts == 1 ? customers.toString() : LocalSpark.splitCsv(customers, tmp.resolve("customers-" + parts), parts).toString();
        String m = tmp.resolve(model + ".safetensors").toString();
        ok(LocalSpark.valuekit(concat(List.of("predict-cltv", "score", "-m", m, "-i", customers.toString(), "-o", one.toString()), more)));
        ok(LocalSpark.spark(concat(List.of("predict-cltv", "score", "-m", m, "-i", in, "-o", dist.toString()), more)));
        return List.of(rows(one), rows(dist));
    }

    static String[] concat(List<String> a, String... b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(List.of(b));
        return all.toArray(new String[0]);
    }

    @Test
    void bgnbdScoresAreBitForBitTheSame() throws Exception {
        for (int parts : new int[]{1, 3}) {
            List<List<String>> r = score("bgnbd", parts, "--horizon", "26", "--batch-size", "700");
            assertEquals(r.get(0), r.get(1), parts + " part(s)");   // input order is kept: parts are numbered as the input
        }
    }

    /**
     * Neural scores: the same f32 network, but one BLAS thread per task against the CLI's thread pool, so
     * the network's outputs may differ in their last f32 bit (2^-24 relative); p_purchase, predicted_ltv and
     * the lognormal quantiles are exp/sigmoid of those outputs, which amplify a last-bit difference a few
     * times. Every value agrees within 1e-5 relative (1e-12 absolute); ids, components and order exactly.
     */
    @Test
    void neuralScoresAgreeToF32Rounding() throws Exception {
        for (int parts : new int[]{1, 3}) {
            List<List<String>> r = score("optdist", parts);
            List<String> a = r.get(0), b = r.get(1);
            assertEquals(a.size(), b.size());
            assertEquals(a.get(0), b.get(0));
            List<String> names = List.of(a.get(0).split("\t"));
            int component = names.indexOf("component");
            double worst = 0;
            for (int i = 1; i < a.size(); i++) {
                String[] x = a.get(i).split("\t"), y = b.get(i).split("\t");
                assertEquals(x[0], y[0]);   // customer id
                assertEquals(x[component], y[component], "component of row " + i);
                for (int c = 1; c < x.length; c++) {
                    if (c == component) continue;
                    double u = value(x[c]), v = value(y[c]);
                    assertEquals(u, v, 1e-5 * Math.abs(u) + 1e-12, "row " + i + " column " + names.get(c));
                    if (u != 0) worst = Math.max(worst, Math.abs(u - v) / Math.abs(u));
                }
            }
            System.err.println("optdist scores, " + parts + " part(s): largest relative difference " + worst);
        }
    }

    /** A cell of {@link LocalSpark#rows}: a double's bits in hex, or an integer. */
    private static double value(String cell) {
        return cell.matches("-?\\d+") && cell.length() < 16 ? Long.parseLong(cell) : Double.longBitsToDouble(Long.parseUnsignedLong(cell, 16));
    }

    /** Parquet in and out, through valuekit's Parquet reader and writer on Spark's parquet-java. */
    @Test
    void parquetPartsInAndOut() throws Exception {
        Path parts = Files.createDirectories(tmp.resolve("customers-parquet"));
        for (int p = 0; p < 2; p++) {
            Path csv = LocalSpark.splitCsv(customers, tmp.resolve("customers-2"), 2).resolve(String.format("part-%05d.csv", p));
            ok(LocalSpark.valuekit("convert", csv.toString(), "-o", parts.resolve(String.format("part-%05d.parquet", p)).toString()));
        }
        String m = tmp.resolve("bgnbd.safetensors").toString();
        Path one = tmp.resolve("pq-one.arrow"), dist = tmp.resolve("pq-spark.parquet");
        ok(LocalSpark.valuekit("predict-cltv", "score", "-m", m, "-i", customers.toString(), "-o", one.toString()));
        ok(LocalSpark.spark("predict-cltv", "score", "-m", m, "-i", parts.toString(), "-o", dist.toString()));
        assertTrue(Files.isRegularFile(dist.resolve("part-00001.parquet")));
        assertEquals(rows(one), rows(dist));
    }

    @Test
    void missingColumnIsFoundOnTheDriver() throws Exception {
        Path noFreq = tmp.resolve("nofreq.csv");
        List<String> lines = Files.readAllLines(customers);
        Files.write(noFreq, lines.stream().map(l -> l.substring(l.indexOf(',', l.indexOf(',') + 1) + 1)).toList());   // drop id and frequency
        String m = tmp.resolve("bgnbd.safetensors").toString();
        Path out = tmp.resolve("none.arrow");
        LocalSpark.Result cli = LocalSpark.valuekit("predict-cltv", "score", "-m", m, "-i", noFreq.toString(), "-o", out.toString());
        long jobs = LocalSpark.session().sparkContext().statusTracker().getJobIdsForGroup(null).length;
        LocalSpark.Result r = LocalSpark.spark("predict-cltv", "score", "-m", m, "-i", noFreq.toString(), "-o", out.toString());
        assertEquals(2, r.code(), r.toString());
        assertEquals(cli.err(), r.err());
        assertEquals(jobs, LocalSpark.session().sparkContext().statusTracker().getJobIdsForGroup(null).length, "a job ran");
        assertFalse(Files.exists(out));
        assertTrue(r.err().contains("column"), r.err());
    }

    @Test
    void unsupportedOptionIsRefused() {
        LocalSpark.Result r = LocalSpark.spark("convert", "--help");
        assertEquals(0, r.code(), r.toString());   // a driver-only subcommand runs as in valuekit
        String m = tmp.resolve("bgnbd.safetensors").toString();
        LocalSpark.Result stdout = LocalSpark.spark("predict-cltv", "score", "-m", m, "-i", customers.toString(), "-o", "-");
        assertEquals(2, stdout.code(), stdout.toString());
        assertTrue(stdout.err().startsWith("valuekit predict-cltv score: error: valuekit-spark writes a directory of part files"), stdout.err());
    }
}
