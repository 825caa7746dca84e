package dev.valuekit.evaluate;

import dev.valuekit.table.Batch;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PNG figure of a learned model's evaluation: open-loop error against k and, given the training log
 * table of train-model, each member's holdout MSE per epoch (side by side). Rendered in memory so the
 * caller writes it atomically.
 */
public final class ModelPlots {
    private static final int W = 640, H = 440;

    private ModelPlots() {}

    public static byte[] png(LearnedModelEvaluation e, Batch trainingLog) throws IOException {
        List<BufferedImage> charts = new ArrayList<>();
        charts.add(BitmapEncoder.getBufferedImage(kStepChart(e)));
        if (trainingLog != null) charts.add(BitmapEncoder.getBufferedImage(trainingChart(trainingLog)));
        BufferedImage all = new BufferedImage(W * charts.size(), H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, all.getWidth(), all.getHeight());
        for (int i = 0; i < charts.size(); i++) g.drawImage(charts.get(i), i * W, 0, null);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(all, "png", out);
        return out.toByteArray();
    }

    static XYChart kStepChart(LearnedModelEvaluation e) {
        XYChart c = new XYChartBuilder().width(W).height(H).title("open-loop error along episodes")
                .xAxisTitle("k (steps)").yAxisTitle("observation MSE").build();
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        for (KStepError k : e.kSteps()) {
            if (Double.isFinite(k.mse()) && k.mse() > 0) {
                x.add((double) k.k());
                y.add(k.mse());
            }
        }
        if (x.isEmpty()) {
            x.add(0.0);
            y.add(1.0);
            c.setTitle("open-loop error: no episode windows in the data");
        } else {
            c.getStyler().setYAxisLogarithmic(true);
        }
        c.addSeries("elites' mean", x, y).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        c.getStyler().setLegendVisible(false);
        return c;
    }

    static XYChart trainingChart(Batch log) {
        int epoch = log.schema().require("epoch", "training log");
        int member = log.schema().require("member", "training log");
        int mse = log.schema().require("holdout_mse", "training log");
        Map<Long, List<double[]>> byMember = new TreeMap<>();
        boolean positive = true;
        for (int r = 0; r < log.rows(); r++) {
            double v = log.getDouble(mse, r);
            if (!Double.isFinite(v)) continue;
            positive &= v > 0;
            byMember.computeIfAbsent(log.getLong(member, r), k -> new ArrayList<>()).add(new double[] {log.getLong(epoch, r), v});
        }
        XYChart c = new XYChartBuilder().width(W).height(H).title("training: holdout MSE per member")
                .xAxisTitle("epoch").yAxisTitle("holdout MSE").build();
        if (byMember.isEmpty()) {
            c.setTitle("training log has no holdout MSE (trained with --holdout 0)");
            c.addSeries("none", new double[] {0}, new double[] {0});
            return c;
        }
        if (positive) c.getStyler().setYAxisLogarithmic(true);
        for (Map.Entry<Long, List<double[]>> en : byMember.entrySet()) {
            double[] xs = en.getValue().stream().mapToDouble(p -> p[0]).toArray();
            double[] ys = en.getValue().stream().mapToDouble(p -> p[1]).toArray();
            c.addSeries("member " + en.getKey(), xs, ys).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        }
        return c;
    }
}
