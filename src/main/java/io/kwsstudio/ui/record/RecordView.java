package io.kwsstudio.ui.record;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.AudioSource;
import io.kwsstudio.audio.AudioUnavailableException;
import io.kwsstudio.dataset.Clip;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.record.Recorder;
import io.kwsstudio.record.RecordingSession;
import io.kwsstudio.ui.DatasetViewModel;
import io.kwsstudio.ui.WaveformView;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Recording sessions: pick an input, watch its level, then record a word a number of times. The
 * studio prompts, counts down, records each take for the clip duration (or until the speaker stops),
 * shows it and moves on. Space starts or stops a take, Backspace discards the last one, Esc ends the
 * session. Takes are saved at once into the label's folder and appear in the browser.
 */
public final class RecordView extends BorderPane {
    private final DatasetViewModel vm;
    private final Function<String, AudioSource> sources;
    private final Supplier<List<String>> devices;
    private final ChoiceBox<String> device = new ChoiceBox<>();
    private final LevelMeter meter = new LevelMeter();
    private final Label clipping = new Label("Clipping: move back or lower the input gain");
    private final ComboBox<String> label = new ComboBox<>();
    private final Spinner<Integer> count = new Spinner<>(1, 500, 20);
    private final TextField speaker = new TextField();
    private final CheckBox stopAtSilence = new CheckBox("End a take when the speaker stops");
    private final CheckBox autoContinue = new CheckBox("Go on to the next take by itself");
    private final Button start = new Button("Start session", new FontIcon(Feather.MIC));
    private final Button takeButton = new Button("Record take (Space)", new FontIcon(Feather.CIRCLE));
    private final Button discard = new Button("Discard last (Backspace)", new FontIcon(Feather.DELETE));
    private final Button end = new Button("End session (Esc)", new FontIcon(Feather.SQUARE));
    private final Label prompt = new Label("Set up a session on the left, then press Start.");
    private final Label countdown = new Label();
    private final Label status = new Label();
    private final WaveformView lastTake = new WaveformView();
    private final LongTakePane longTake;
    private final Button longRecord = new Button("Record long take", new FontIcon(Feather.MIC));
    private boolean recordingLong;
    private Recorder recorder;
    private RecordingSession session;
    private Timeline countdownTimer;
    private Timeline continueTimer;

    /**
     * @param sources makes the input for a device name (the microphone on a desktop; tests pass WAV or
     *                generated sources)
     * @param devices lists the device names to choose from
     */
    public RecordView(DatasetViewModel vm, io.kwsstudio.audio.ClipPlayer player, Function<String, AudioSource> sources,
                      Supplier<List<String>> devices) {
        this.vm = vm;
        this.longTake = new LongTakePane(vm, player, () -> label.getEditor().getText() == null ? "" : label.getEditor().getText().strip(),
                speaker::getText);
        this.sources = sources;
        this.devices = devices;
        getStyleClass().add("record-view");
        setLeft(buildSetup());
        setCenter(buildSession());
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        vm.labelRows().addListener((javafx.collections.ListChangeListener<io.kwsstudio.ui.LabelRow>) c -> refreshLabels());
        updateButtons();
    }

    private Region buildSetup() {
        Label title = new Label("Recording session");
        title.getStyleClass().add("pane-title");
        device.setId("deviceChoice");
        device.setMaxWidth(Double.MAX_VALUE);
        device.setOnShowing(e -> refreshDevices());
        device.valueProperty().addListener((o, a, b) -> restartMeter());
        Button refresh = new Button(null, new FontIcon(Feather.REFRESH_CW));
        refresh.setTooltip(new Tooltip("Look for input devices again"));
        refresh.setOnAction(e -> refreshDevices());
        HBox deviceRow = new HBox(6, device, refresh);
        HBox.setHgrow(device, Priority.ALWAYS);
        clipping.getStyleClass().add("problem");
        clipping.setVisible(false);
        label.setEditable(true);
        label.setId("recordLabel");
        label.setPromptText("word, e.g. yes");
        label.setMaxWidth(Double.MAX_VALUE);
        count.setEditable(true);
        count.setId("takeCount");
        speaker.setId("speakerName");
        speaker.setPromptText("your name or initials");
        stopAtSilence.setSelected(true);
        autoContinue.setSelected(true);
        start.setId("startSession");
        start.setMaxWidth(Double.MAX_VALUE);
        start.setDefaultButton(false);
        start.setOnAction(e -> startSession());

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("Word"), label);
        form.addRow(1, new Label("Takes"), count);
        form.addRow(2, new Label("Speaker"), speaker);
        GridPane.setHgrow(label, Priority.ALWAYS);
        Label note = new Label("Files are named <speaker>_nohash_<n>.wav, so all of a speaker's clips stay in one split.");
        note.setWrapText(true);
        note.getStyleClass().add("hint");
        VBox box = new VBox(10, title, new Label("Input"), deviceRow, meter, clipping, form, stopAtSilence, autoContinue,
                start, note);
        box.setPadding(new Insets(12));
        box.setPrefWidth(300);
        return box;
    }

    private Region buildSession() {
        prompt.setId("recordPrompt");
        prompt.getStyleClass().add("record-prompt");
        prompt.setWrapText(true);
        countdown.setId("countdown");
        countdown.getStyleClass().add("record-countdown");
        takeButton.setId("takeButton");
        takeButton.setOnAction(e -> toggleTake());
        discard.setId("discardTake");
        discard.setOnAction(e -> discardLast());
        end.setId("endSession");
        end.setOnAction(e -> endSession());
        status.setId("recordStatus");
        status.getStyleClass().add("hint");
        status.setWrapText(true); // device errors are long and must be read whole
        status.setMaxWidth(Double.MAX_VALUE);
        status.setMinHeight(Region.USE_PREF_SIZE);
        HBox buttons = new HBox(8, takeButton, discard, end);
        buttons.setAlignment(Pos.CENTER);
        lastTake.setPlaceholder("The last take appears here");
        lastTake.setPrefHeight(180);
        longRecord.setId("recordLongTake");
        longRecord.setOnAction(e -> toggleLongTake());
        javafx.scene.control.TitledPane longPane = new javafx.scene.control.TitledPane("Long take: say the word many times in one go",
                longTake);
        longTake.addAction(longRecord);
        longPane.setExpanded(false);
        longPane.setId("longTakePane");
        VBox box = new VBox(16, prompt, countdown, buttons, lastTake, status, longPane);
        box.setAlignment(Pos.TOP_CENTER);
        box.setPadding(new Insets(30, 24, 24, 24));
        return box;
    }

    // ------------------------------------------------------------------ devices and metering

    private void refreshDevices() {
        String current = device.getValue();
        List<String> names = devices.get();
        if (!device.getItems().equals(names)) {
            device.getItems().setAll(names);
        }
        device.setValue(current != null && names.contains(current) ? current : names.isEmpty() ? null : names.get(0));
    }

    private void refreshLabels() {
        Dataset ds = vm.dataset();
        String typed = label.getEditor().getText();
        label.getItems().setAll(ds == null ? List.of() : ds.labels());
        label.getEditor().setText(typed);
    }

    /** Called when the Record tab is shown: list devices and start the level meter. */
    public void activate() {
        refreshLabels();
        if (device.getItems().isEmpty()) {
            refreshDevices();
        } else {
            restartMeter();
        }
    }

    /** Called when another tab is shown: release the device unless a session is running. */
    public void deactivate() {
        if (session == null) {
            closeRecorder();
        }
    }

    private void restartMeter() {
        closeRecorder();
        String name = device.getValue();
        if (name == null) {
            return;
        }
        Recorder r = new Recorder(sources.apply(name), vm.dataset() == null ? 16000 : vm.dataset().sampleRate());
        try {
            r.start(new Recorder.Listener() {
                @Override
                public void level(double peakDb, double rmsDb, boolean clip) {
                    meter.post(peakDb, rmsDb, clip);
                    if (clip) {
                        Platform.runLater(() -> clipping.setVisible(true));
                    }
                }

                @Override
                public void takeFinished(AudioClip take) {
                    Platform.runLater(() -> onTake(take));
                }

                @Override
                public void stopped(String reason) {
                    if (reason != null) {
                        Platform.runLater(() -> status.setText(reason));
                    }
                }
            });
            recorder = r;
            status.setText("Listening to " + name);
        } catch (AudioUnavailableException e) {
            status.setText(e.getMessage());
            recorder = null;
        }
        updateButtons();
    }

    private void closeRecorder() {
        if (recorder != null) {
            recorder.close();
            recorder = null;
        }
    }

    // ------------------------------------------------------------------ session

    private void startSession() {
        Dataset ds = vm.dataset();
        String word = label.getEditor().getText() == null ? "" : label.getEditor().getText().strip();
        if (ds == null) {
            status.setText("Open a dataset first: takes are saved into it.");
            return;
        }
        String problem = Dataset.labelNameProblem(word);
        if (problem != null) {
            status.setText("Word: " + problem);
            return;
        }
        if (speaker.getText().isBlank()) {
            status.setText("Enter the speaker's name once; it becomes part of every file name.");
            speaker.requestFocus();
            return;
        }
        if (recorder == null) {
            restartMeter();
            if (recorder == null) {
                return;
            }
        }
        try {
            session = new RecordingSession(ds, word, speaker.getText(), count.getValue());
        } catch (Exception e) {
            status.setText(e.getMessage());
            return;
        }
        prompt.setText(session.prompt());
        status.setText("Press Space (or Record take) when ready. Speaker id: " + session.speaker());
        updateButtons();
        // Keys go to the session now, not to the (disabled) setup fields.
        takeButton.requestFocus();
    }

    private void toggleTake() {
        if (session == null || recorder == null) {
            return;
        }
        if (recorder.isTakeRunning()) {
            recorder.stopTake();
            return;
        }
        if (countdownTimer != null) {
            return;
        }
        stopContinueTimer();
        int[] left = {3};
        countdown.setText("3");
        countdownTimer = new Timeline(new KeyFrame(Duration.millis(400), e -> {
            left[0]--;
            if (left[0] > 0) {
                countdown.setText(String.valueOf(left[0]));
            } else {
                countdown.setText("● Recording");
                countdownTimer.stop();
                countdownTimer = null;
                Dataset ds = vm.dataset();
                recorder.startTake(ds.sampleRate() * ds.clipDurationMs() / 1000, stopAtSilence.isSelected());
                updateButtons();
            }
        }));
        countdownTimer.setCycleCount(3);
        countdownTimer.play();
        updateButtons();
    }

    /** Starts or stops a long take (up to ten minutes) that is then split into utterances. */
    private void toggleLongTake() {
        if (session != null) {
            status.setText("End the session first.");
            return;
        }
        if (recorder == null) {
            restartMeter();
            if (recorder == null) {
                return;
            }
        }
        if (recordingLong) {
            recorder.stopTake();
            return;
        }
        recordingLong = true;
        longRecord.setText("Stop long take");
        recorder.startTake((vm.dataset() == null ? 16000 : vm.dataset().sampleRate()) * 600, false);
    }

    private void onTake(AudioClip take) {
        if (recordingLong) {
            recordingLong = false;
            longRecord.setText("Record long take");
            longTake.split(take);
            return;
        }
        countdown.setText("");
        if (session == null) {
            return;
        }
        try {
            Clip clip = session.save(take);
            lastTake.setClip(take);
            status.setText(String.format(Locale.ROOT, "Saved %s (%.2f s recorded, peak %.1f dBFS)", clip.relativePath(),
                    take.durationSeconds(), 20 * Math.log10(Math.max(take.peak(), 1e-6))));
        } catch (Exception e) {
            status.setText("Could not save the take: " + e.getMessage());
        }
        prompt.setText(session.prompt());
        if (session.done()) {
            finishSession();
        } else if (autoContinue.isSelected()) {
            continueTimer = new Timeline(new KeyFrame(Duration.millis(800), e -> toggleTake()));
            continueTimer.play();
        }
        updateButtons();
    }

    private void discardLast() {
        if (session == null) {
            return;
        }
        try {
            session.discardLast().ifPresentOrElse(c -> {
                status.setText("Discarded " + c.relativePath() + " (it is in the trash)");
                lastTake.setPlaceholder("Last take discarded");
            }, () -> status.setText("No take to discard yet"));
            prompt.setText(session.prompt());
        } catch (Exception e) {
            status.setText("Could not discard: " + e.getMessage());
        }
        updateButtons();
    }

    private void endSession() {
        if (session == null) {
            return;
        }
        stopContinueTimer();
        if (countdownTimer != null) {
            countdownTimer.stop();
            countdownTimer = null;
        }
        if (recorder != null && recorder.isTakeRunning()) {
            recorder.stopTake();
        }
        finishSession();
    }

    private void finishSession() {
        stopContinueTimer();
        String summary = session.taken() + " take(s) of “" + session.label() + "” saved";
        session = null;
        countdown.setText("");
        prompt.setText(summary + ". Start another session whenever you like.");
        updateButtons();
    }

    private void stopContinueTimer() {
        if (continueTimer != null) {
            continueTimer.stop();
            continueTimer = null;
        }
    }

    private void onKey(KeyEvent e) {
        if (session == null || e.getTarget() instanceof javafx.scene.control.TextInputControl) {
            return;
        }
        if (e.getCode() == KeyCode.SPACE) {
            toggleTake();
            e.consume();
        } else if (e.getCode() == KeyCode.BACK_SPACE) {
            discardLast();
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE) {
            endSession();
            e.consume();
        }
    }

    private void updateButtons() {
        boolean active = session != null;
        start.setDisable(active);
        label.setDisable(active);
        count.setDisable(active);
        speaker.setDisable(active);
        device.setDisable(active);
        takeButton.setDisable(!active);
        discard.setDisable(!active || session.taken() == 0);
        end.setDisable(!active);
        takeButton.setText(recorder != null && recorder.isTakeRunning() ? "Stop take (Space)" : "Record take (Space)");
    }

    /** The current session (null when none), for tests. */
    public RecordingSession session() {
        return session;
    }

    public LongTakePane longTakePane() {
        return longTake;
    }

    public void shutdown() {
        stopContinueTimer();
        closeRecorder();
    }
}
