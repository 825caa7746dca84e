package dev.valuekit.cltv;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CustomerValueTest {
    private final BgNbd bg = new BgNbd(0.243, 4.414, 0.793, 2.426);
    private final GammaGamma gg = new GammaGamma(6.25, 3.74, 15.44);

    @Test
    void undiscountedValueIsPurchasesTimesSpend() {
        CustomerValue cv = new CustomerValue(bg, gg, PeriodUnit.WEEK);
        double expected = bg.expectedPurchases(39, 3, 30, 38) * gg.conditionalExpectedValue(3, 42);
        assertEquals(expected, cv.clv(39, 0, 3, 30, 38, 42), 1e-9);
    }

    @Test
    void discountsEachMonthByElapsedMonths() {
        // Days: months of 30 days; 75 days = two full months and a half month discounted by 1.01^2.5.
        CustomerValue cv = new CustomerValue(bg, gg, PeriodUnit.DAY);
        double s = gg.conditionalExpectedValue(2, 20);
        double e30 = bg.expectedPurchases(30, 2, 100, 200), e60 = bg.expectedPurchases(60, 2, 100, 200), e75 = bg.expectedPurchases(75, 2, 100, 200);
        double expected = s * (e30 / 1.01 + (e60 - e30) / Math.pow(1.01, 2) + (e75 - e60) / Math.pow(1.01, 2.5));
        assertEquals(expected, cv.clv(75, 0.01, 2, 100, 200, 20), 1e-9);
    }
}
