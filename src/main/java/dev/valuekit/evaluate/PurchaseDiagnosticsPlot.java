package dev.valuekit.evaluate;

import dev.valuekit.cltv.PurchaseDiagnostics;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A purchase model's diagnostic charts side by side in one PNG: calibration versus label-window
 * purchases by calibration frequency, and the frequency/recency heatmaps of expected purchases and P(alive).
 */
public final class PurchaseDiagnosticsPlot {
    private static final int W = 640, H = 480;

    private PurchaseDiagnosticsPlot() {}

    /**
     * @param title     the model, e.g. "Pareto/NBD"
     * @param window    the label window's length with its unit, e.g. "39 weeks"
     * @param horizon   the expected-purchases heatmap's horizon with its unit, e.g. "1 week"
     * @param recency   recency values of the grid rows
     */
    public static void writePng(String title, List<PurchaseDiagnostics.FrequencyGroup> groups, String window, double[][] expected,
                                double[][] alive, double[] recency, String horizon, OutputStream out) throws IOException {
        CategoryChart cal = new CategoryChartBuilder().width(W).height(H).title(title + ": actual vs predicted purchases in " + window)
                .xAxisTitle("calibration-period repeat purchases").yAxisTitle("mean purchases in the label window").build();
        List<String> x = new ArrayList<>();
        List<Double> actual = new ArrayList<>(), predicted = new ArrayList<>();
        for (PurchaseDiagnostics.FrequencyGroup g : groups) {
            x.add(g.frequency() + (g.andMore() ? "+" : ""));
            actual.add(g.meanActual());
            predicted.add(g.meanPredicted());
        }
        cal.addSeries("actual", x, actual);
        cal.addSeries("model", x, predicted);
        BufferedImage img = new BufferedImage(3 * W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        draw(g, cal, 0);
        draw(g, heatmap(title + ": expected purchases in " + horizon, expected, recency), W);
        draw(g, heatmap(title + ": P(alive)", alive, recency), 2 * W);
        g.dispose();
        ImageIO.write(img, "png", out);
    }

    private static void draw(Graphics2D g, Chart<?, ?> chart, int x) {
        g.drawImage(BitmapEncoder.getBufferedImage(chart), x, 0, null);
    }

    /** Rows = recency (grid index i), columns = frequency j. */
    private static HeatMapChart heatmap(String title, double[][] grid, double[] recency) {
        HeatMapChart c = new HeatMapChartBuilder().width(W).height(H).title(title)
                .xAxisTitle("calibration-period repeat purchases (frequency)").yAxisTitle("recency").build();
        c.getStyler().setShowValue(false).setHeatMapValueDecimalPattern("0.00");
        List<Integer> xs = new ArrayList<>();
        List<String> ys = new ArrayList<>();
        for (int j = 0; j < grid[0].length; j++) xs.add(j);
        for (double r : recency) ys.add(String.format(java.util.Locale.ROOT, "%.0f", r));
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < grid.length; i++) {
            for (int j = 0; j < grid[i].length; j++) cells.add(new Number[] {j, i, grid[i][j]});
        }
        c.addSeries(title, xs, ys, cells);
        return c;
    }
}
