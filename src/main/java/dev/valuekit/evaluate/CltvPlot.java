package dev.valuekit.evaluate;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** The gain (Lorenz) curve and the decile chart side by side, as one PNG. */
public final class CltvPlot {
    private static final int W = 640, H = 480, MAX_POINTS = 1000;

    private CltvPlot() {}

    public static void writePng(double[] label, double[] prediction, CltvReport report, OutputStream out) throws IOException {
        XYChart gain = new XYChartBuilder().width(W).height(H).title("Cumulative gain")
                .xAxisTitle("share of customers (by prediction)").yAxisTitle("share of true value").build();
        addCurve(gain, "model (Gini " + String.format(java.util.Locale.ROOT, "%.3f", report.all().normalizedGini()) + " normalised)",
                GainCurve.of(prediction, label));
        addCurve(gain, "truth", GainCurve.of(label, label));
        gain.addSeries("random", new double[]{0, 1}, new double[]{0, 1}).setMarker(SeriesMarkers.NONE);

        CategoryChart deciles = new CategoryChartBuilder().width(W).height(H).title("Deciles by prediction")
                .xAxisTitle("decile (1 = highest predictions)").yAxisTitle("mean value").build();
        List<Integer> x = new ArrayList<>();
        List<Double> ml = new ArrayList<>(), mp = new ArrayList<>();
        for (CltvReport.Decile d : report.deciles()) { x.add(d.decile()); ml.add(d.meanLabel()); mp.add(d.meanPrediction()); }
        deciles.addSeries("mean label", x, ml);
        deciles.addSeries("mean prediction", x, mp);

        BufferedImage img = new BufferedImage(2 * W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.drawImage(BitmapEncoder.getBufferedImage(gain), 0, 0, null);
        g.drawImage(BitmapEncoder.getBufferedImage(deciles), W, 0, null);
        g.dispose();
        ImageIO.write(img, "png", out);
    }

    /** The curve at most MAX_POINTS points, always including both ends. */
    private static void addCurve(XYChart chart, String name, GainCurve c) {
        int n = c.size(), step = Math.max(1, n / MAX_POINTS);
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (int k = 0; k <= n; k += step) { xs.add((double) k / n); ys.add(c.at(k)); }
        if (xs.get(xs.size() - 1) < 1) { xs.add(1.0); ys.add(c.at(n)); }
        chart.addSeries(name, xs, ys).setMarker(SeriesMarkers.NONE);
    }
}
