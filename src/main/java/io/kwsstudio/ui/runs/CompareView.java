package io.kwsstudio.ui.runs;

import io.kwsstudio.runs.MetricRow;
import io.kwsstudio.runs.RunInfo;
import io.kwsstudio.train.Evaluation;
import io.kwsstudio.ui.train.ConfusionMatrixView;
import io.kwsstudio.ui.train.MetricsChart;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Runs side by side: validation accuracy and training loss of each run on shared axes, a table of
 * their results, every setting with the rows that differ highlighted, and their validation confusion
 * matrices next to each other. One run shows its own details.
 */
public final class CompareView extends BorderPane {
    private final MetricsChart accuracy = new MetricsChart("Validation accuracy", "accuracy");
    private final MetricsChart loss = new MetricsChart("Training loss (smoothed)", "cross-entropy");
    private final TableView<String[]> metrics = new TableView<>();
    private final TableView<String[]> settings = new TableView<>();
    private final CheckBox onlyDifferences = new CheckBox("Only differences");
    private final HBox matrices = new HBox(12);
    private List<RunDetails> shown = List.of();
    private final List<String[]> allSettings = new ArrayList<>();

    public CompareView() {
        setId("compareView");
        accuracy.setId("compareAccuracy");
        loss.setId("compareLoss");
        SplitPane charts = new SplitPane(accuracy, loss);
        metrics.setId("compareMetrics");
        settings.setId("compareSettings");
        metrics.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        settings.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        settings.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(String[] row, boolean isEmpty) {
                super.updateItem(row, isEmpty);
                getStyleClass().remove("diff-row");
                if (!isEmpty && row != null && differs(row)) {
                    getStyleClass().add("diff-row");
                }
            }
        });
        onlyDifferences.setId("onlyDifferences");
        onlyDifferences.setSelected(true);
        onlyDifferences.selectedProperty().addListener((o, a, b) -> filterSettings());
        VBox settingsBox = new VBox(6, onlyDifferences, settings);
        VBox.setVgrow(settings, Priority.ALWAYS);
        settingsBox.setPadding(new Insets(6));
        ScrollPane matrixScroll = new ScrollPane(matrices);
        matrixScroll.setFitToHeight(true);
        matrices.setPadding(new Insets(6));
        // Each view gets the whole area: curves and confusion matrices need the height to be readable.
        TabPane tabs = new TabPane(new Tab("Curves", charts), new Tab("Results", metrics), new Tab("Settings", settingsBox),
                new Tab("Confusion matrices", matrixScroll));
        tabs.setId("compareTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);
        show(List.of());
    }

    /** Shows these runs (on the FX thread). */
    public void show(List<RunDetails> runs) {
        shown = List.copyOf(runs);
        accuracy.removeAllSeries();
        loss.removeAllSeries();
        matrices.getChildren().clear();
        for (int i = 0; i < runs.size(); i++) {
            RunDetails d = runs.get(i);
            java.awt.Color c = MetricsChart.PALETTE[i % MetricsChart.PALETTE.length];
            int a = accuracy.addSeries(d.run().info().name(), c, false, true);
            int l = loss.addSeries(d.run().info().name(), c, false, false);
            List<Double> acc = new ArrayList<>();
            List<Double> trainLoss = new ArrayList<>();
            double smooth = Double.NaN;
            for (MetricRow r : d.metrics()) {
                if (r.isEvaluation()) {
                    acc.add((double) r.step());
                    acc.add(r.validationAccuracy());
                } else if (!Double.isNaN(r.trainLoss())) {
                    smooth = Double.isNaN(smooth) ? r.trainLoss() : 0.9 * smooth + 0.1 * r.trainLoss();
                    trainLoss.add((double) r.step());
                    trainLoss.add(smooth);
                }
            }
            accuracy.append(a, acc.stream().mapToDouble(Double::doubleValue).toArray());
            loss.append(l, trainLoss.stream().mapToDouble(Double::doubleValue).toArray());
            ConfusionMatrixView m = new ConfusionMatrixView();
            m.setPrefSize(440, 420);
            m.setEmptyText("No evaluation yet");
            m.setEvaluation(d.evaluation() == null ? null : d.evaluation().validation());
            Label title = new Label(d.run().info().name());
            title.getStyleClass().add("pane-title");
            matrices.getChildren().add(new VBox(4, title, m));
        }
        fillMetrics(runs);
        fillSettings(runs);
    }

    private void fillMetrics(List<RunDetails> runs) {
        metrics.getColumns().clear();
        metrics.getItems().clear();
        metrics.getColumns().add(column("", 0, 210));
        for (int i = 0; i < runs.size(); i++) {
            metrics.getColumns().add(column(runs.get(i).run().info().name(), i + 1, 170));
        }
        String[][] names = {{"Status"}, {"Best validation accuracy"}, {"Test accuracy"}, {"Validation loss"}, {"Validation macro F1"},
                {"Parameters"}, {"Multiplies per inference"}, {"Steps"}, {"Training time"}, {"Model"}, {"Created"}};
        for (String[] n : names) {
            String[] row = new String[runs.size() + 1];
            row[0] = n[0];
            for (int i = 0; i < runs.size(); i++) {
                row[i + 1] = metric(n[0], runs.get(i));
            }
            metrics.getItems().add(row);
        }
    }

    private static String metric(String name, RunDetails d) {
        RunInfo i = d.run().info();
        Evaluation v = d.evaluation() == null ? null : d.evaluation().validation();
        return switch (name) {
            case "Status" -> d.run().status().jsonName().replace('_', ' ');
            case "Best validation accuracy" -> percent(i.bestValidation());
            case "Test accuracy" -> percent(i.testAccuracy());
            case "Validation loss" -> v == null ? "-" : String.format(Locale.ROOT, "%.3f", v.loss());
            case "Validation macro F1" -> v == null ? "-" : String.format(Locale.ROOT, "%.3f", v.macroF1());
            case "Parameters" -> String.format(Locale.ROOT, "%,d", i.parameters());
            case "Multiplies per inference" -> String.format(Locale.ROOT, "%,d", i.multiplies());
            case "Steps" -> i.step() + " / " + i.totalSteps();
            case "Training time" -> String.format(Locale.ROOT, "%d min %02d s", i.trainingMillis() / 60000, i.trainingMillis() / 1000 % 60);
            case "Model" -> i.model();
            case "Created" -> i.created().toString().replace('T', ' ').substring(0, 16);
            default -> "";
        };
    }

    static String percent(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private void fillSettings(List<RunDetails> runs) {
        settings.getColumns().clear();
        allSettings.clear();
        settings.getColumns().add(column("Setting", 0, 260));
        for (int i = 0; i < runs.size(); i++) {
            settings.getColumns().add(column(runs.get(i).run().info().name(), i + 1, 230));
        }
        Set<String> keys = new LinkedHashSet<>();
        for (RunDetails d : runs) {
            keys.addAll(d.settings().keySet());
        }
        for (String k : keys) {
            String[] row = new String[runs.size() + 1];
            row[0] = k;
            for (int i = 0; i < runs.size(); i++) {
                row[i + 1] = runs.get(i).settings().getOrDefault(k, "—");
            }
            allSettings.add(row);
        }
        filterSettings();
    }

    private void filterSettings() {
        boolean only = onlyDifferences.isSelected() && shown.size() > 1;
        settings.getItems().setAll(allSettings.stream().filter(r -> !only || differs(r)).toList());
    }

    /** Whether a settings row has different values across the runs. */
    static boolean differs(String[] row) {
        for (int i = 2; i < row.length; i++) {
            if (!Objects.equals(row[i], row[1])) {
                return true;
            }
        }
        return false;
    }

    private static TableColumn<String[], String> column(String title, int index, double width) {
        TableColumn<String[], String> c = new TableColumn<>(title);
        c.setCellValueFactory(r -> new SimpleStringProperty(index < r.getValue().length ? r.getValue()[index] : ""));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    public TableView<String[]> settingsTable() {
        return settings;
    }

    public TableView<String[]> metricsTable() {
        return metrics;
    }

    public MetricsChart accuracyChart() {
        return accuracy;
    }

    public CheckBox onlyDifferencesBox() {
        return onlyDifferences;
    }

    public int matrixCount() {
        return matrices.getChildren().size();
    }
}
