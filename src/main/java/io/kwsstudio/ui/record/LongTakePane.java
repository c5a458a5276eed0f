package io.kwsstudio.ui.record;

import io.kwsstudio.align.AlignMode;
import io.kwsstudio.align.OnsetDetector;
import io.kwsstudio.align.UtteranceSplitter;
import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.ClipPlayer;
import io.kwsstudio.audio.WavReader;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.record.RecordingSession;
import io.kwsstudio.ui.DatasetViewModel;
import io.kwsstudio.ui.WaveformView;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Long-take mode: one recording (or an imported WAV) in which the word is said many times is split
 * into one clip per utterance by onset/offset detection. The cuts are listed for review — select one
 * to see it on the take's waveform, untick the bad ones, play any — before saving them into the label.
 */
public final class LongTakePane extends VBox {
    /** A cut under review: the utterance and whether it will be saved. */
    public static final class Cut {
        final UtteranceSplitter.Utterance utterance;
        boolean keep = true;

        Cut(UtteranceSplitter.Utterance u) {
            this.utterance = u;
        }
    }

    private final DatasetViewModel vm;
    private final ClipPlayer player;
    private final Supplier<String> word;
    private final Supplier<String> speaker;
    private final WaveformView take = new WaveformView();
    private final ListView<Cut> cuts = new ListView<>();
    private final Label status = new Label("Record or import one long take in which the word is said many times, with pauses.");
    private final Button save = new Button("Save kept clips", new FontIcon(Feather.SAVE));
    private AudioClip current;
    private final HBox bar;

    public LongTakePane(DatasetViewModel vm, ClipPlayer player, Supplier<String> word, Supplier<String> speaker) {
        super(8);
        this.vm = vm;
        this.player = player;
        this.word = word;
        this.speaker = speaker;
        Button importTake = new Button("Import long take…", new FontIcon(Feather.FILE_PLUS));
        importTake.setOnAction(e -> chooseFile());
        save.setId("saveCuts");
        save.setDisable(true);
        save.setOnAction(e -> saveKept());
        status.getStyleClass().add("hint");
        status.setWrapText(true);
        status.setId("longTakeStatus");
        take.setPrefHeight(110);
        take.setPlaceholder("The long take appears here");
        cuts.setId("cutList");
        cuts.setPrefHeight(150);
        cuts.setCellFactory(lv -> new CutCell());
        cuts.getSelectionModel().selectedItemProperty().addListener((o, a, c) -> {
            int rate = current == null ? 16000 : current.sampleRate();
            take.selectionStartProperty().set(c == null ? Double.NaN : c.utterance.start() / (double) rate);
            take.selectionEndProperty().set(c == null ? Double.NaN : c.utterance.end() / (double) rate);
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        bar = new HBox(8, importTake, spacer, save);
        bar.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(bar, take, cuts, status);
        setPadding(new Insets(8, 0, 0, 0));
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import a long take");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("WAV audio", "*.wav", "*.WAV"));
        File f = chooser.showOpenDialog(getScene().getWindow());
        if (f != null && vm.dataset() != null) {
            int rate = vm.dataset().sampleRate();
            vm.perform("Splitting " + f.getName(), (ds, p, c) -> {
                AudioClip a = WavReader.read(f.toPath(), rate);
                return detect(ds, a, p, c);
            });
        }
    }

    /**
     * Splits a take (recorded or imported) in the background and lists the cuts for review; a take of
     * several minutes takes a while to scan, so the window stays responsive.
     */
    public void split(AudioClip longTake) {
        if (vm.dataset() == null) {
            status.setText("Open a dataset first.");
            return;
        }
        vm.perform("Splitting the long take", (ds, p, c) -> detect(ds, longTake, p, c));
    }

    /** Runs on a background thread; hands the cuts to the FX thread. */
    private String detect(Dataset ds, AudioClip longTake, io.kwsstudio.tasks.ProgressListener progress,
                          io.kwsstudio.tasks.CancellationToken cancel) {
        UtteranceSplitter splitter = new UtteranceSplitter(OnsetDetector.Settings.defaults(), ds.clipDurationMs(), AlignMode.ONSET, 100);
        List<UtteranceSplitter.Utterance> found = splitter.split(longTake, progress, cancel);
        javafx.application.Platform.runLater(() -> show(longTake, found));
        return "";
    }

    private void show(AudioClip longTake, List<UtteranceSplitter.Utterance> found) {
        current = longTake;
        take.setClip(longTake);
        List<Cut> list = new ArrayList<>();
        for (UtteranceSplitter.Utterance u : found) {
            list.add(new Cut(u));
        }
        cuts.getItems().setAll(list);
        save.setDisable(list.isEmpty());
        status.setText(String.format(Locale.ROOT, "%d utterances found in %.1f s. Untick any bad ones, then save them as “%s”.",
                list.size(), longTake.durationSeconds(), word.get()));
    }

    private void saveKept() {
        String label = word.get();
        String problem = Dataset.labelNameProblem(label);
        if (problem != null) {
            status.setText("Word: " + problem);
            return;
        }
        List<AudioClip> kept = cuts.getItems().stream().filter(c -> c.keep).map(c -> c.utterance.clip()).toList();
        String who = RecordingSession.speakerId(speaker.get());
        vm.perform("Saving " + kept.size() + " clips", (ds, p, c) -> {
            for (int i = 0; i < kept.size(); i++) {
                p.progress(i, kept.size(), "Saving clip " + (i + 1));
                ds.addClip(label, who + "_nohash_0.wav", kept.get(i));
            }
            return "Saved " + kept.size() + " clips from the long take into " + label;
        });
        save.setDisable(true);
    }

    /** Puts another way to get a take (the Record tab's "Record long take") before the import button. */
    public void addAction(javafx.scene.Node action) {
        bar.getChildren().add(0, action);
    }

    /** The cuts under review, for tests. */
    public List<Cut> cuts() {
        return cuts.getItems();
    }

    private final class CutCell extends ListCell<Cut> {
        private final CheckBox keep = new CheckBox();
        private final Label text = new Label();
        private final Button play = new Button(null, new FontIcon(Feather.PLAY));
        private final HBox box = new HBox(8, keep, text, play);

        CutCell() {
            box.setAlignment(Pos.CENTER_LEFT);
            play.getStyleClass().add("flat");
            keep.selectedProperty().addListener((o, a, b) -> {
                if (getItem() != null) {
                    getItem().keep = b;
                    long n = cuts.getItems().stream().filter(c -> c.keep).count();
                    save.setText("Save " + n + " kept clip" + (n == 1 ? "" : "s"));
                    save.setDisable(n == 0);
                }
            });
            play.setOnAction(e -> {
                if (getItem() != null) {
                    player.play(getItem().utterance.clip(), new ClipPlayer.PlaybackListener() { });
                }
            });
        }

        @Override
        protected void updateItem(Cut c, boolean empty) {
            super.updateItem(c, empty);
            if (empty || c == null) {
                setGraphic(null);
                return;
            }
            int rate = current.sampleRate();
            keep.setSelected(c.keep);
            text.setText(String.format(Locale.ROOT, "%6.2f – %6.2f s%s", c.utterance.start() / (double) rate, c.utterance.end() / (double) rate,
                    c.utterance.wordCut() ? "   (longer than a clip: cut)" : ""));
            setGraphic(box);
        }
    }
}
