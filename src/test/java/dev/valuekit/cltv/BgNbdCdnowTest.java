package dev.valuekit.cltv;

import dev.valuekit.table.Batch;
import dev.valuekit.testutil.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The published CDNOW-sample estimates (Fader, Hardie &amp; Lee 2005a, 2005b; lifetimes' docs). */
class BgNbdCdnowTest {
    private static Batch features;

    @BeforeAll
    static void load() throws Exception {
        Path p = SharedData.dataset("cdnow-sample-transactions.txt");
        TransactionLog log = TransactionLogReader.readWhitespace(p, LogFormat.CDNOW_SAMPLE);
        FeatureOptions o = new FeatureOptions(LocalDate.of(1997, 9, 30), LocalDate.of(1998, 6, 30), PeriodUnit.WEEK,
                FeatureOptions.defaultWindows(PeriodUnit.WEEK));
        features = RfmFeatures.compute(log, o).table();
    }

    private static double[] col(String name) {
        int c = features.schema().indexOf(name);
        double[] v = new double[features.rows()];
        for (int i = 0; i < v.length; i++) v[i] = features.getDouble(c, i);
        return v;
    }

    /**
     * The estimates are published rounded (0.243, 6.25, ...): the fit must round to exactly the
     * published digits, i.e. lie within half a unit of the last one (about 1e-3 relative).
     */
    private static void assertPublished(double published, double fitted) {
        String text = java.math.BigDecimal.valueOf(published).toPlainString();
        int decimals = text.length() - text.indexOf('.') - 1;
        assertEquals(published, fitted, 0.5 * Math.pow(10, -decimals) + 1e-12, "published " + published + ", fitted " + fitted);
    }

    @Test
    void cohortMatchesThePaper() {
        assertEquals(2357, features.rows());
        long repeat = java.util.Arrays.stream(col("frequency")).filter(x -> x > 0).count();
        assertEquals(946, repeat);
    }

    @Test
    void bgnbdMatchesPublishedEstimates() {
        BgNbdFit f = BgNbdFit.fit(col("frequency"), col("recency"), col("T"));
        assertPublished(0.243, f.model().r());
        assertPublished(4.414, f.model().alpha());
        assertPublished(0.793, f.model().a());
        assertPublished(2.426, f.model().b());
        assertEquals(-9582.4, f.logLikelihood(), 0.1);
        assertTrue(f.converged());
    }

    @Test
    void gammaGammaMatchesPublishedEstimates() {
        GammaGammaFit g = GammaGammaFit.fit(col("frequency"), col("monetary_value"));
        assertEquals(946, g.repeatBuyers());
        assertPublished(6.25, g.model().p());
        assertPublished(3.74, g.model().q());
        assertPublished(15.44, g.model().v());
    }
}
