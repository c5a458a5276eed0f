package io.kwsstudio.ui.train;

import io.kwsstudio.train.Evaluation;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * A confusion matrix as a heat map: rows are the true labels, columns the predictions, each cell
 * showing its count and coloured by its share of the row (so a rare class's mistakes are as visible
 * as a common one's). Class names run along both axes; clicking a cell reports (truth, predicted).
 */
public final class ConfusionMatrixView extends Region {
    private static final Color EMPTY = Color.web("#f6f8fa");
    private static final Color CORRECT = Color.web("#1a7f37");
    private static final Color WRONG = Color.web("#cf222e");
    private static final Font LABEL_FONT = Font.font("System", 11);
    private static final Font COUNT_FONT = Font.font("System", FontWeight.BOLD, 11);
    private static final Font AXIS_FONT = Font.font("System", FontWeight.BOLD, 11);

    private final Canvas canvas = new Canvas();
    private final ObjectProperty<Evaluation> evaluation = new SimpleObjectProperty<>(this, "evaluation");
    private final ObjectProperty<int[]> selected = new SimpleObjectProperty<>(this, "selected");
    private BiConsumer<Integer, Integer> onCellClicked = (t, p) -> { };
    private String emptyText = "The confusion matrix appears at the first evaluation.";

    // Layout of the last drawing, for hit-testing.
    private double left;
    private double top;
    private double cell;

    public ConfusionMatrixView() {
        getChildren().add(canvas);
        getStyleClass().add("confusion-matrix");
        evaluation.addListener((o, a, b) -> draw());
        selected.addListener((o, a, b) -> draw());
        setMinSize(160, 160);
        setPrefSize(420, 380);
        canvas.setOnMouseClicked(e -> {
            int[] c = cellAt(e.getX(), e.getY());
            if (c != null) {
                selected.set(c);
                onCellClicked.accept(c[0], c[1]);
            }
        });
    }

    public ObjectProperty<Evaluation> evaluationProperty() {
        return evaluation;
    }

    public void setEvaluation(Evaluation e) {
        evaluation.set(e);
    }

    /** The highlighted cell as {truth, predicted}, or null. */
    public ObjectProperty<int[]> selectedProperty() {
        return selected;
    }

    public void setOnCellClicked(BiConsumer<Integer, Integer> handler) {
        this.onCellClicked = handler == null ? (t, p) -> { } : handler;
    }

    public void setEmptyText(String text) {
        this.emptyText = text;
        draw();
    }

    /** The cell under a point in this view's coordinates as {truth, predicted}, or null outside the grid. */
    public int[] cellAt(double x, double y) {
        Evaluation e = evaluation.get();
        if (e == null || cell <= 0) {
            return null;
        }
        int k = e.labels().size();
        int col = (int) Math.floor((x - left) / cell);
        int row = (int) Math.floor((y - top) / cell);
        if (x < left || y < top || row >= k || col >= k) {
            return null;
        }
        return new int[]{row, col};
    }

    /** Centre of a cell in this view's coordinates (for tests and tooltips). */
    public double[] cellCentre(int truth, int predicted) {
        return new double[]{left + (predicted + 0.5) * cell, top + (truth + 0.5) * cell};
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        Evaluation e = evaluation.get();
        if (e == null) {
            cell = 0;
            g.setFill(Color.web("#57606a"));
            g.setFont(LABEL_FONT);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(emptyText, w / 2, h / 2, Math.max(10, w - 20));
            return;
        }
        List<String> labels = e.labels();
        int k = labels.size();
        double labelWidth = 0;
        for (String l : labels) {
            labelWidth = Math.max(labelWidth, textWidth(l, LABEL_FONT));
        }
        labelWidth = Math.min(labelWidth, 110) + 8;
        double axisSpace = 16;
        left = axisSpace + labelWidth;
        top = 6;
        double bottomSpace = labelWidth + axisSpace;
        cell = Math.max(4, Math.min((w - left - 6) / k, (h - top - bottomSpace) / k));

        int[][] m = e.confusion();
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < k; i++) {
            int rowTotal = 0;
            for (int v : m[i]) {
                rowTotal += v;
            }
            for (int j = 0; j < k; j++) {
                double share = rowTotal == 0 ? 0 : (double) m[i][j] / rowTotal;
                Color base = i == j ? CORRECT : WRONG;
                Color fill = m[i][j] == 0 ? EMPTY : EMPTY.interpolate(base, 0.15 + 0.85 * share);
                double x = left + j * cell;
                double y = top + i * cell;
                g.setFill(fill);
                g.fillRect(x, y, cell - 1, cell - 1);
                if (m[i][j] > 0 && cell >= 14) {
                    g.setFill(share > 0.45 ? Color.WHITE : Color.web("#24292f"));
                    g.setFont(COUNT_FONT);
                    g.fillText(String.valueOf(m[i][j]), x + cell / 2, y + cell / 2, cell - 2);
                }
            }
        }
        int[] sel = selected.get();
        if (sel != null && sel[0] < k && sel[1] < k) {
            g.setStroke(Color.web("#0969da"));
            g.setLineWidth(2.5);
            g.strokeRect(left + sel[1] * cell + 1, top + sel[0] * cell + 1, cell - 3, cell - 3);
        }
        g.setFill(Color.web("#24292f"));
        g.setFont(LABEL_FONT);
        g.setTextAlign(TextAlignment.RIGHT);
        for (int i = 0; i < k; i++) {
            g.fillText(labels.get(i), left - 5, top + (i + 0.5) * cell, labelWidth - 6);
        }
        // Column labels rotated, reading upwards under each column.
        double gridBottom = top + k * cell;
        for (int j = 0; j < k; j++) {
            g.save();
            g.translate(left + (j + 0.5) * cell, gridBottom + 5);
            g.rotate(-90);
            g.fillText(labels.get(j), 0, 0, labelWidth - 6);
            g.restore();
        }
        g.setFont(AXIS_FONT);
        g.setFill(Color.web("#57606a"));
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText("Predicted", left + k * cell / 2, Math.min(h - 8, gridBottom + labelWidth + 8));
        g.save();
        g.translate(8, top + k * cell / 2);
        g.rotate(-90);
        g.fillText("True label", 0, 0);
        g.restore();
    }

    private static double textWidth(String s, Font f) {
        Text t = new Text(s);
        t.setFont(f);
        return t.getLayoutBounds().getWidth();
    }

    /** A short description of a cell, e.g. for a tooltip or a list title. */
    public static String describe(Evaluation e, int truth, int predicted) {
        return String.format(Locale.ROOT, "%d clips of \"%s\" predicted as \"%s\"", e.confusion()[truth][predicted],
                e.labels().get(truth), e.labels().get(predicted));
    }
}
