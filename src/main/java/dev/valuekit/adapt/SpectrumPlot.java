package dev.valuekit.adapt;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * PNG of the spectra: left, σᵢ/σ₁ on a log scale (so matrices of different norms compare); right,
 * the cumulative energy curve. One series per matrix.
 */
public final class SpectrumPlot {
    private SpectrumPlot() {}

    public static void write(List<Spectrum> spectra, OutputStream out) throws IOException {
        XYChart sv = chart("Singular values (relative to the largest)", "sigma_i / sigma_1");
        sv.getStyler().setYAxisLogarithmic(true);
        XYChart en = chart("Cumulative energy", "sum_{j<=i} sigma_j^2 / sum sigma^2");
        en.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        for (Spectrum s : spectra) {
            double[] sig = s.sigma();
            double[] x = new double[sig.length], rel = new double[sig.length];
            for (int i = 0; i < sig.length; i++) {
                x[i] = i + 1;
                // a log axis cannot show zeros: floor at 1e-16 of the largest value
                rel[i] = sig[0] > 0 ? Math.max(sig[i] / sig[0], 1e-16) : 1;
            }
            String label = s.name() + " " + s.rows() + "x" + s.cols();
            sv.addSeries(label, x, rel).setMarker(SeriesMarkers.NONE);
            en.addSeries(label, x, s.energyCurve()).setMarker(SeriesMarkers.NONE);
        }
        BitmapEncoder.saveBitmap(List.of(sv, en), 1, 2, out, BitmapEncoder.BitmapFormat.PNG);
        out.flush();
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(700).height(480).title(title).xAxisTitle("component i").yAxisTitle(yTitle).build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        c.getStyler().setLegendVisible(true);
        return c;
    }
}
