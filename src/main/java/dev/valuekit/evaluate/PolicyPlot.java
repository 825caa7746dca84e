package dev.valuekit.evaluate;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;

/** Returns per episode and, with a Q model, predicted initial value against realised discounted return. */
public final class PolicyPlot {
    private static final int W = 640, H = 480;

    private PolicyPlot() {}

    public static void writePng(PolicyReport r, OutputStream out) throws IOException {
        XYChart ret = new XYChartBuilder().width(W).height(H).title("Return per episode (" + r.policy() + ")")
                .xAxisTitle("episode").yAxisTitle("return").build();
        double[] ep = new double[r.returns().length];
        for (int i = 0; i < ep.length; i++) ep[i] = i;
        ret.addSeries("return", ep, r.returns()).setMarker(SeriesMarkers.CIRCLE);
        ret.addSeries("mean", new double[] {0, Math.max(1, ep.length - 1)}, new double[] {r.mean(), r.mean()}).setMarker(SeriesMarkers.NONE);
        boolean withQ = r.initialQ() != null;
        BufferedImage img = new BufferedImage(withQ ? 2 * W : W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.drawImage(BitmapEncoder.getBufferedImage(ret), 0, 0, null);
        if (withQ) {
            XYChart cal = new XYChartBuilder().width(W).height(H).title("Predicted vs realised discounted return")
                    .xAxisTitle("realised discounted return").yAxisTitle("Q(s0, a0)").build();
            cal.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            cal.addSeries("episodes", r.discounted(), r.initialQ());
            double lo = Math.min(min(r.discounted()), min(r.initialQ())), hi = Math.max(max(r.discounted()), max(r.initialQ()));
            cal.addSeries("y = x", new double[] {lo, hi}, new double[] {lo, hi}).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line)
                    .setMarker(SeriesMarkers.NONE);
            g.drawImage(BitmapEncoder.getBufferedImage(cal), W, 0, null);
        }
        g.dispose();
        ImageIO.write(img, "png", out);
    }

    private static double min(double[] v) { double m = Double.POSITIVE_INFINITY; for (double x : v) m = Math.min(m, x); return m; }
    private static double max(double[] v) { double m = Double.NEGATIVE_INFINITY; for (double x : v) m = Math.max(m, x); return m; }
}
