package io.kwsstudio.ui.train;

import javafx.scene.layout.StackPane;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;

/**
 * A line chart over training steps (JFreeChart-FX): drag to zoom, right-drag or Ctrl-drag to pan,
 * double-click to reset. Series are added by name; points are appended in batches with
 * {@link #append} so a burst of training events repaints once. Call only on the FX thread.
 */
public final class MetricsChart extends StackPane {
    /** Colours for series in order; comparisons of many runs cycle through them. */
    public static final Color[] PALETTE = {new Color(0x0969da), new Color(0xcf222e), new Color(0x1a7f37), new Color(0x8250df),
            new Color(0xbf8700), new Color(0x1b7c83), new Color(0xbc4c00), new Color(0x57606a)};

    private final XYSeriesCollection data = new XYSeriesCollection();
    private final JFreeChart chart;
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    private final List<XYSeries> series = new ArrayList<>();
    private boolean dirty;

    public MetricsChart(String title, String yLabel) {
        chart = ChartFactory.createXYLineChart(title, "step", yLabel, data, PlotOrientation.VERTICAL, true, true, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.setPadding(new RectangleInsets(4, 4, 4, 8));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xd0d7de));
        plot.setRangeGridlinePaint(new Color(0xd0d7de));
        plot.setRenderer(renderer);
        plot.setDomainPannable(true);
        plot.setRangePannable(true);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ChartViewer viewer = new ChartViewer(chart);
        getChildren().add(viewer);
        setMinSize(200, 140);
    }

    /** Adds a series and returns its index. {@code dashed} for smoothed or secondary lines, {@code markers} for sparse ones. */
    public int addSeries(String name, Color colour, boolean dashed, boolean markers) {
        XYSeries s = new XYSeries(name, true, true);
        data.addSeries(s);
        series.add(s);
        int i = series.size() - 1;
        renderer.setSeriesPaint(i, colour);
        renderer.setSeriesStroke(i, dashed
                ? new BasicStroke(1.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[]{5f, 4f}, 0f)
                : new BasicStroke(markers ? 2f : 1.6f));
        renderer.setSeriesShapesVisible(i, markers);
        return i;
    }

    /** Appends points to series {@code index}: {@code xy} holds x0, y0, x1, y1, ... (NaN y values are skipped). */
    public void append(int index, double[] xy) {
        XYSeries s = series.get(index);
        s.setNotify(false);
        for (int i = 0; i + 1 < xy.length; i += 2) {
            if (!Double.isNaN(xy[i + 1])) {
                s.add(xy[i], xy[i + 1], false);
            }
        }
        s.setNotify(true);
        s.fireSeriesChanged();
    }

    /** Runs {@code changes} and redraws once at the end, however many series they touched. */
    public void batch(Runnable changes) {
        chart.setNotify(false);
        try {
            changes.run();
        } finally {
            chart.setNotify(true);
        }
    }

    /** Adds points without redrawing; {@link #redrawIfChanged} draws them later, so a caller can spread redraws over frames. */
    public void appendLater(int index, double[] xy) {
        XYSeries s = series.get(index);
        s.setNotify(false);
        for (int i = 0; i + 1 < xy.length; i += 2) {
            if (!Double.isNaN(xy[i + 1])) {
                s.add(xy[i], xy[i + 1], false);
            }
        }
        dirty = true;
    }

    /** Clears every series without redrawing (see {@link #appendLater}). */
    public void clearLater() {
        for (XYSeries s : series) {
            s.setNotify(false);
            s.clear();
        }
        dirty = true;
    }

    /** Redraws if points were added or cleared since the last drawing; returns whether it drew. */
    public boolean redrawIfChanged() {
        if (!dirty) {
            return false;
        }
        dirty = false;
        for (XYSeries s : series) {
            s.setNotify(true);
        }
        // Series stay silent between redraws; one event makes the plot re-read ranges and repaint.
        data.seriesChanged(new org.jfree.data.general.SeriesChangeEvent(this));
        for (XYSeries s : series) {
            s.setNotify(false);
        }
        return true;
    }

    public void clear() {
        batch(() -> {
            for (XYSeries s : series) {
                s.setNotify(false);
                s.clear();
                s.setNotify(true);
            }
        });
    }

    /** Removes every series (when the chart is reused for other runs). */
    public void removeAllSeries() {
        data.removeAllSeries();
        series.clear();
    }

    public int pointCount(int index) {
        return series.get(index).getItemCount();
    }

    public int seriesCount() {
        return series.size();
    }

    public JFreeChart chart() {
        return chart;
    }

    /** Log scale for the y axis (learning rates). */
    public void useLogScale() {
        org.jfree.chart.axis.LogAxis axis = new org.jfree.chart.axis.LogAxis(chart.getXYPlot().getRangeAxis().getLabel());
        axis.setSmallestValue(1e-9);
        chart.getXYPlot().setRangeAxis(axis);
    }
}
