package io.kwsstudio.ui;

import io.kwsstudio.dataset.DatasetStats;
import io.kwsstudio.dataset.DatasetStats.LabelStats;
import io.kwsstudio.dataset.Split;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Dataset statistics: per label and split counts, durations, class balance and clips needing attention. */
public final class StatsView extends VBox {
    private final Label summary = new Label("Statistics appear once the dataset is open.");
    private final TableView<LabelStats> table = new TableView<>();
    private final ListView<String> problems = new ListView<>();
    private final TitledPane problemsPane = new TitledPane("Clips needing attention", problems);

    public StatsView(DatasetViewModel vm) {
        setSpacing(10);
        setPadding(new Insets(12));
        summary.getStyleClass().add("stats-summary");
        summary.setWrapText(true);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(col("Label", 140, s -> s.label()));
        table.getColumns().add(numCol("Clips", s -> s.clips()));
        table.getColumns().add(textCol("Minutes", s -> String.format(Locale.ROOT, "%.2f", s.seconds() / 60)));
        table.getColumns().add(numCol("Training", s -> s.perSplit().get(Split.TRAINING)));
        table.getColumns().add(numCol("Validation", s -> s.perSplit().get(Split.VALIDATION)));
        table.getColumns().add(numCol("Testing", s -> s.perSplit().get(Split.TESTING)));
        TableColumn<LabelStats, Double> balance = new TableColumn<>("Share of clips");
        balance.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().share()));
        balance.setCellFactory(c -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar();
            private final Label pct = new Label();
            private final HBox box = new HBox(8, bar, pct);

            {
                bar.setMaxWidth(Double.MAX_VALUE);
                bar.setPrefHeight(8);
                bar.setMaxHeight(8);
                box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
                HBox.setHgrow(bar, Priority.ALWAYS);
            }

            @Override
            protected void updateItem(Double share, boolean empty) {
                super.updateItem(share, empty);
                if (empty || share == null) {
                    setGraphic(null);
                    return;
                }
                double max = getTableView().getItems().stream().mapToDouble(LabelStats::share).max().orElse(1);
                bar.setProgress(max > 0 ? share / max : 0);
                pct.setText(String.format(Locale.ROOT, "%.1f%%", share * 100));
                setGraphic(box);
            }
        });
        balance.setPrefWidth(220);
        table.getColumns().add(balance);
        VBox.setVgrow(table, Priority.ALWAYS);
        problems.setPrefHeight(140);
        problemsPane.setExpanded(false);
        getChildren().addAll(summary, table, problemsPane);
        vm.statsProperty().addListener((o, a, s) -> show(s));
    }

    private void show(DatasetStats s) {
        if (s == null) {
            table.getItems().clear();
            return;
        }
        summary.setText(String.format(Locale.ROOT,
                "%d clips, %.1f minutes, in %d labels  ·  training %d / validation %d / testing %d  ·  background noise: %d files, %.0f s",
                s.totalClips(), s.totalSeconds() / 60, s.labels().size(), s.clipsPerSplit().get(Split.TRAINING),
                s.clipsPerSplit().get(Split.VALIDATION), s.clipsPerSplit().get(Split.TESTING), s.noiseFiles(), s.noiseSeconds()));
        table.getItems().setAll(s.labels().values());
        List<String> lines = new java.util.ArrayList<>();
        s.unreadable().forEach(l -> lines.add("Unreadable: " + l));
        s.wrongLength().forEach(l -> lines.add("Wrong length: " + l));
        s.scanProblems().forEach(l -> lines.add("Not readable: " + l));
        if (s.skippedNonWav() > 0) {
            lines.add(s.skippedNonWav() + " non-WAV files in label folders are not used");
        }
        problems.getItems().setAll(lines);
        problemsPane.setText("Clips needing attention (" + lines.size() + ")");
        problemsPane.setExpanded(!lines.isEmpty() && lines.size() < 50);
    }

    public TableView<LabelStats> table() {
        return table;
    }

    private static TableColumn<LabelStats, String> col(String title, double width, Function<LabelStats, String> f) {
        TableColumn<LabelStats, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<LabelStats, String> textCol(String title, Function<LabelStats, String> f) {
        TableColumn<LabelStats, String> c = col(title, 90, f);
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        return c;
    }

    private static TableColumn<LabelStats, Integer> numCol(String title, Function<LabelStats, Integer> f) {
        TableColumn<LabelStats, Integer> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setPrefWidth(90);
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        return c;
    }
}
