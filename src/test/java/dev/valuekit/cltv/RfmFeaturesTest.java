package dev.valuekit.cltv;

import dev.valuekit.common.BadInputException;
import dev.valuekit.table.Batch;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RfmFeaturesTest {
    private static long d(String iso) { return LocalDate.parse(iso).toEpochDay(); }

    /**
     * Customer "a": 2024-01-01 $10, 2024-01-01 $5 (same day → one purchase of $15), 2024-01-15 $20,
     * 2024-01-29 $30, holdout 2024-02-10 $7 and 2024-03-01 $100 (after holdout end: ignored).
     * Customer "b": 2024-01-22 $8 only. Customer "c": first buys 2024-02-05, after calibration: left out.
     * Calibration ends 2024-01-31, holdout ends 2024-02-29, unit week, window 1 week.
     * a: frequency 2, recency 28/7 = 4, T 30/7, monetary_value (20+30)/2 = 25, mean (15+20+30)/3,
     *    first 15, total 65, last week (Jan 24..31]: one purchase of 30, ltv 7.
     * b: frequency 0, recency 0, T 9/7, monetary_value 0, mean 8, ltv 0.
     */
    @Test
    void handWorkedCustomers() {
        String[] ids = {"a", "b", "a", "a", "a", "c", "a", "a"};
        long[] days = {d("2024-01-01"), d("2024-01-22"), d("2024-01-01"), d("2024-01-15"), d("2024-01-29"), d("2024-02-05"), d("2024-02-10"), d("2024-03-01")};
        double[] amounts = {10, 8, 5, 20, 30, 99, 7, 100};
        TransactionLog log = new TransactionLog("t", ids, days, amounts, ids.length);
        RfmFeatures.Result r = RfmFeatures.compute(log, new FeatureOptions(LocalDate.parse("2024-01-31"), LocalDate.parse("2024-02-29"),
                PeriodUnit.WEEK, new double[]{1}));
        Batch b = r.table();
        assertEquals(2, r.customers());
        assertEquals(1, r.laterCustomers());
        assertEquals("customer_id", b.schema().name(0));
        assertEquals("a", b.getString(0, 0));
        double[][] expect = {
                {2, 4, 30.0 / 7, 25, 65.0 / 3, 15, 65, 1, 30, 7},
                {0, 0, 9.0 / 7, 0, 8, 8, 8, 0, 0, 0}};
        String[] cols = {"frequency", "recency", "T", "monetary_value", "monetary_mean", "first_amount", "total_spend",
                "purchases_last_1w", "spend_last_1w", "ltv"};
        for (int row = 0; row < 2; row++) {
            for (int c = 0; c < cols.length; c++) {
                assertEquals(expect[row][c], b.getDouble(b.schema().require(cols[c], "t"), row), 1e-12, cols[c] + " of row " + row);
            }
        }
    }

    @Test
    void holdoutBeforeCalibrationIsRejected() {
        BadInputException e = assertThrows(BadInputException.class, () -> new FeatureOptions(LocalDate.parse("2024-01-31"),
                LocalDate.parse("2024-01-01"), PeriodUnit.DAY, new double[]{30}));
        assertEquals(true, e.getMessage().contains("--holdout-end"));
    }

    @Test
    void unitsScaleDurations() {
        assertEquals(2.0, PeriodUnit.WEEK.of(14), 1e-15);
        assertEquals(12.0, PeriodUnit.MONTH.of(365 * 4 + 1) / 4, 1e-12);
    }
}
