package dev.valuekit.cltv;

import java.util.ArrayList;
import java.util.List;

/**
 * The standard checks of a purchase model, as numbers for charts: mean actual against mean predicted
 * label-window purchases by calibration frequency, and the frequency × recency grids of expected
 * purchases and P(alive) for a customer of a given age.
 */
public final class PurchaseDiagnostics {
    private PurchaseDiagnostics() {}

    /** One calibration-frequency group; {@code andMore} marks the last, open-ended group. */
    public record FrequencyGroup(int frequency, boolean andMore, int customers, double meanActual, double meanPredicted) {}

    /**
     * Customers grouped by calibration frequency 0, 1, …, {@code maxFrequency} (the last group also takes
     * every higher frequency); per group the mean actual purchase days in the label window and the mean of
     * the model's expected purchases over {@code horizon}. Empty groups are left out.
     */
    public static List<FrequencyGroup> calibrationVsHoldout(PurchaseModel m, double[] x, double[] tx, double[] t, double[] actual,
                                                            double horizon, int maxFrequency) {
        int groups = maxFrequency + 1;
        int[] count = new int[groups];
        double[] act = new double[groups], pred = new double[groups];
        for (int i = 0; i < x.length; i++) {
            int g = (int) Math.min(x[i], maxFrequency);
            count[g]++;
            act[g] += actual[i];
            pred[g] += m.expectedPurchases(horizon, x[i], tx[i], t[i]);
        }
        List<FrequencyGroup> out = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            if (count[g] > 0) out.add(new FrequencyGroup(g, g == maxFrequency, count[g], act[g] / count[g], pred[g] / count[g]));
        }
        return out;
    }

    /** What a grid cell shows for a customer (x, t_x, T). */
    public interface Cell {
        double at(double x, double tx, double t);
    }

    /**
     * grid[i][j] = cell(frequency j, recency i·T/steps, T) for frequency 0..maxFrequency and recency
     * 0..T in {@code steps} equal steps (lifetimes' frequency/recency matrix).
     */
    public static double[][] grid(int maxFrequency, double age, int steps, Cell cell) {
        double[][] g = new double[steps + 1][maxFrequency + 1];
        for (int i = 0; i <= steps; i++) {
            for (int j = 0; j <= maxFrequency; j++) g[i][j] = cell.at(j, age * i / steps, age);
        }
        return g;
    }
}
