package io.kwsstudio.stream;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.WavWriter;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.runs.Run;
import io.kwsstudio.runs.RunModel;
import io.kwsstudio.runs.RunStore;
import io.kwsstudio.runs.RunTraining;
import io.kwsstudio.runs.ToneDataset;
import io.kwsstudio.tasks.CancellationToken;
import io.kwsstudio.tasks.ProgressListener;
import io.kwsstudio.train.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StreamingTest {
    private static final List<String> LABELS = List.of("_silence_", "_unknown_", "yes", "no");
    private static final RecognizeCommands.Settings SHORT_WORDS = ToneStream.SHORT_WORDS;

    @TempDir
    static Path shared;
    static RunModel model;
    static AudioClip stream;
    static List<GroundTruth.Word> truth = new ArrayList<>();

    @BeforeAll
    static void trainAndBuildAStream() throws Exception {
        Run run = ToneStream.train(shared.resolve("tones"), new RunStore(shared.resolve("runs")));
        model = RunModel.load(run.dir());
        stream = ToneStream.stream(truth);
    }

    @Test
    void smoothingAndTriggeringFollowTheReference() {
        RecognizeCommands rc = new RecognizeCommands(LABELS, RecognizeCommands.Settings.defaults());
        float[] silence = {0.9f, 0.05f, 0.03f, 0.02f};
        float[] yes = {0.05f, 0.05f, 0.85f, 0.05f};
        List<Long> newAt = new ArrayList<>();
        for (long t = 0; t <= 6000; t += 30) {
            boolean speaking = (t >= 1000 && t < 1600) || (t >= 1900 && t < 2500) || (t >= 4000 && t < 4600);
            RecognizeCommands.Result r = rc.process(t, speaking ? yes : silence);
            if (r.newCommand()) {
                newAt.add(t);
                assertThat(r.label()).isIn("yes", "_silence_");
            }
        }
        // "yes" becomes the top average part-way into the first word; it does not fire again while it stays top.
        List<Long> yesTimes = new ArrayList<>(newAt);
        assertThat(yesTimes).isNotEmpty();
        assertThat(yesTimes.get(0)).isBetween(1000L, 1700L);
        // Fewer than minimum_count results: nothing new.
        RecognizeCommands fresh = new RecognizeCommands(LABELS, RecognizeCommands.Settings.defaults());
        assertThat(fresh.process(0, yes).newCommand()).isFalse();
        assertThat(fresh.process(30, yes).newCommand()).isFalse();
        // A threshold above every average never fires.
        RecognizeCommands strict = new RecognizeCommands(LABELS, RecognizeCommands.Settings.defaults().withThreshold(0.99));
        for (long t = 0; t < 3000; t += 30) {
            assertThat(strict.process(t, yes).newCommand()).isFalse();
        }
    }

    @Test
    void accuracyCountsMatchesWrongAndFalsePositivesAsTheReference() {
        List<GroundTruth.Word> words = List.of(new GroundTruth.Word("yes", 1000), new GroundTruth.Word("no", 3000),
                new GroundTruth.Word("up", 6000));
        List<Detection> found = List.of(new Detection("yes", 1300, 0.9f), new Detection("yes", 1400, 0.9f),
                new Detection("up", 3200, 0.8f), new Detection("no", 9000, 0.7f));
        StreamingAccuracy a = StreamingAccuracy.compute(words, found, 10_000, 750);
        assertThat(a.words()).isEqualTo(3);
        assertThat(a.matched()).isEqualTo(2);
        assertThat(a.correct()).isEqualTo(1);
        assertThat(a.wrong()).isEqualTo(1);
        assertThat(a.falsePositives()).isEqualTo(2);  // the second "yes" (its word is taken) and the late "no"
        assertThat(a.correctPercent()).isCloseTo(33.33, within(0.01));
        assertThat(a.falsePositivesPerHour()).isCloseTo(2 / (10.0 / 3600), within(1e-6));
    }

    @Test
    void findsTheWordsOfAStreamAtTheirTimes() {
        ScoreTrack track = new StreamingRecognizer(model, 30).score(stream, ProgressListener.NONE, new CancellationToken());
        assertThat(track.windows()).isEqualTo(1 + (stream.samples().length - 8000) / 480);
        // Words here are a quarter second long in half-second windows, so average over 250 ms, not the
        // reference's 1 s (meant for 1 s clips of speech), or the word never dominates the average.
        List<Detection> found = track.detect(SHORT_WORDS);
        StreamingAccuracy acc = StreamingAccuracy.compute(truth, found, 12_000, 750);
        System.err.println("stream: " + found + "\n" + acc + ", real-time factor " + track.realTimeFactor());
        assertThat(acc.correct()).isGreaterThanOrEqualTo(5);
        assertThat(acc.falsePositives()).isLessThanOrEqualTo(2);
        for (Detection d : found) {
            assertThat(truth).anyMatch(w -> Math.abs(w.timeMs() - d.timeMs()) <= 750);
        }
        List<ThresholdSweep.Point> curve = ThresholdSweep.run(track, truth, SHORT_WORDS, 750);
        assertThat(curve).hasSize(19);
        // Raising the threshold never adds detections.
        for (int i = 1; i < curve.size(); i++) {
            int before = curve.get(i - 1).accuracy().matched() + curve.get(i - 1).accuracy().falsePositives();
            int after = curve.get(i).accuracy().matched() + curve.get(i).accuracy().falsePositives();
            assertThat(after).isLessThanOrEqualTo(before + 1);
        }
        assertThat(ThresholdSweep.suggest(curve, 10_000)).isPresent();
    }

    @Test
    void liveFeedingInChunksGivesTheSameScoresAsTheRecording() {
        StreamingRecognizer r = new StreamingRecognizer(model, 30);
        ScoreTrack track = r.score(stream, ProgressListener.NONE, new CancellationToken());
        StreamingRecognizer.Live live = r.new Live(RecognizeCommands.Settings.defaults());
        List<StreamingRecognizer.Live.Step> steps = new ArrayList<>();
        float[] x = stream.samples();
        for (int off = 0; off < x.length; off += 333) {
            live.accept(x, off, Math.min(333, x.length - off), steps::add);
        }
        assertThat(steps).hasSizeGreaterThan(track.windows() - 3);
        for (int i = 0; i < 50; i++) {
            StreamingRecognizer.Live.Step s = steps.get(i * 5);
            int w = (int) (s.timeMs() / 30);
            assertThat(track.timesMs()[w]).isEqualTo(s.timeMs());
            for (int k = 0; k < s.scores().length; k++) {
                assertThat(s.scores()[k]).isCloseTo(track.scores()[w][k], within(1e-4f));
            }
        }
        assertThat(live.load()).isPositive();
    }

    @Test
    void streamCommandPrintsDetectionsMetricsAndASuggestedThreshold() throws Exception {
        Path wav = shared.resolve("stream.wav");
        WavWriter.writePcm16(wav, stream);
        StringBuilder csv = new StringBuilder();
        for (GroundTruth.Word w : truth) {
            csv.append(w.label()).append(',').append(w.timeMs()).append('\n');
        }
        Path labels = Files.writeString(shared.resolve("truth.csv"), csv);
        var out = new java.io.StringWriter();
        var cl = io.kwsstudio.cli.KwsCommand.commandLine();
        cl.setOut(new java.io.PrintWriter(out));
        int code = cl.execute("stream", model.dir().toString(), wav.toString(), "--labels", labels.toString(), "--sweep",
                "--threshold", "0.5", "--window-ms", "250", "--json");
        assertThat(code).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        assertThat(json.get("detections").size()).isGreaterThanOrEqualTo(5);
        assertThat(json.at("/accuracy/words").asInt()).isEqualTo(7);
        assertThat(json.get("threshold_sweep").size()).isEqualTo(19);
        assertThat(json.get("real_time_factor").asDouble()).isPositive();
    }
}
