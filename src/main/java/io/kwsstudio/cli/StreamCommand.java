package io.kwsstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.MicrophoneSource;
import io.kwsstudio.audio.WavReader;
import io.kwsstudio.runs.Run;
import io.kwsstudio.runs.RunModel;
import io.kwsstudio.stream.Detection;
import io.kwsstudio.stream.GroundTruth;
import io.kwsstudio.stream.RecognizeCommands;
import io.kwsstudio.stream.ScoreTrack;
import io.kwsstudio.stream.StreamingAccuracy;
import io.kwsstudio.stream.StreamingRecognizer;
import io.kwsstudio.stream.ThresholdSweep;
import io.kwsstudio.tasks.CancellationToken;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code stream}: keyword spotting over a long recording or the microphone, with streaming metrics. */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = {"Run a trained run's model over a long WAV file (or the microphone) every --stride-ms with the "
                + "reference's smoothing and triggering, and print the detected keywords.",
                "With --labels truth.csv (label,time_ms per line) it prints the streaming accuracy (matched, correct, wrong, "
                        + "false positives) and false triggers per hour; --sweep adds detection rate against false triggers "
                        + "per hour for thresholds 0.05-0.95 and suggests one. The processing speed (real-time factor) is "
                        + "always reported."})
final class StreamCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "RUN", description = "Run folder, or a run's name or id prefix in --runs.")
    String run;
    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE.wav", description = "Recording to scan.")
    Path file;
    @Option(names = "--mic", description = "Listen to the default microphone instead (Ctrl+C stops).")
    boolean mic;
    @Option(names = "--seconds", defaultValue = "0", description = "With --mic: stop after this many seconds (0 = until Ctrl+C).")
    int seconds;
    @Option(names = "--labels", paramLabel = "truth.csv", description = "Ground truth: label,time_ms per line.")
    Path labels;
    @Option(names = "--threshold", defaultValue = "0.2", description = "Detection threshold (default: ${DEFAULT-VALUE}).")
    double threshold;
    @Option(names = "--window-ms", defaultValue = "1000", description = "Averaging window (default: ${DEFAULT-VALUE}).")
    int windowMs;
    @Option(names = "--suppression-ms", defaultValue = "500", description = "Quiet time after a detection (default: ${DEFAULT-VALUE}).")
    int suppressionMs;
    @Option(names = "--minimum-count", defaultValue = "3", description = "Results needed in the window (default: ${DEFAULT-VALUE}).")
    int minimumCount;
    @Option(names = "--stride-ms", defaultValue = "30", description = "Window step (default: ${DEFAULT-VALUE}).")
    int strideMs;
    @Option(names = "--tolerance-ms", defaultValue = "750", description = "Time tolerance for matching (default: ${DEFAULT-VALUE}).")
    long toleranceMs;
    @Option(names = "--sweep", description = "With --labels: sweep the threshold and suggest one.")
    boolean sweep;
    @Option(names = "--max-false-per-hour", defaultValue = "1", description = "Target for the suggested threshold (default: ${DEFAULT-VALUE}).")
    double maxFalsePerHour;
    @Option(names = "--runs", paramLabel = "DIR", description = "Runs folder for names (default: ./runs).")
    Path runs;
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Run r = RunsOption.find(run, runs);
        RunModel model = RunModel.load(r.dir());
        RecognizeCommands.Settings settings = new RecognizeCommands.Settings(windowMs, threshold, suppressionMs, minimumCount);
        StreamingRecognizer recognizer = new StreamingRecognizer(model, strideMs);
        if (mic) {
            return listen(recognizer, settings, out);
        }
        if (file == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give a WAV file to scan, or --mic");
        }
        AudioClip audio = WavReader.read(file, model.features().sampleRate());
        ConsoleProgress bar = new ConsoleProgress(System.err);
        ScoreTrack track = recognizer.score(audio, bar, new CancellationToken());
        bar.finish();
        List<Detection> found = track.detect(settings);
        List<GroundTruth.Word> truth = labels == null ? null : GroundTruth.read(labels);
        long upTo = Math.round(track.audioSeconds() * 1000);
        StreamingAccuracy acc = truth == null ? null : StreamingAccuracy.compute(truth, found, upTo, toleranceMs);
        List<ThresholdSweep.Point> curve = truth != null && sweep ? ThresholdSweep.run(track, truth, settings, toleranceMs) : null;
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode o = m.createObjectNode();
            o.put("run", r.id());
            o.put("file", file.toString());
            o.put("audio_seconds", track.audioSeconds());
            o.put("windows", track.windows());
            o.put("real_time_factor", track.realTimeFactor());
            ArrayNode d = o.putArray("detections");
            for (Detection x : found) {
                d.addObject().put("label", x.label()).put("time_ms", x.timeMs()).put("score", x.score());
            }
            if (acc != null) {
                o.putObject("accuracy").put("words", acc.words()).put("matched_percent", acc.matchedPercent())
                        .put("correct_percent", acc.correctPercent()).put("wrong_percent", acc.wrongPercent())
                        .put("false_positive_percent", acc.falsePositivePercent()).put("false_positives", acc.falsePositives())
                        .put("false_positives_per_hour", acc.falsePositivesPerHour());
            }
            if (curve != null) {
                ArrayNode c = o.putArray("threshold_sweep");
                for (ThresholdSweep.Point p : curve) {
                    c.addObject().put("threshold", p.threshold()).put("detection_percent", p.detectionPercent())
                            .put("false_triggers_per_hour", p.falseTriggersPerHour());
                }
                ThresholdSweep.suggest(curve, maxFalsePerHour).ifPresent(p -> o.put("suggested_threshold", p.threshold()));
            }
            out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(o));
        } else {
            for (Detection x : found) {
                out.printf(Locale.ROOT, "%9.2f s  %-12s %.2f%n", x.timeMs() / 1000.0, x.label(), x.score());
            }
            out.printf(Locale.ROOT, "%d detections in %.1f s of audio; %d windows every %d ms scored in %.2f s "
                            + "(real-time factor %.3f: %s)%n", found.size(), track.audioSeconds(), track.windows(), strideMs,
                    track.processingSeconds(), track.realTimeFactor(), track.realTimeFactor() < 1 ? "keeps up with live audio"
                            : "too slow for live audio on this machine");
            if (acc != null) {
                out.println("streaming accuracy: " + acc);
            }
            if (curve != null) {
                out.printf("%nthreshold  detection  false triggers/hour%n");
                for (ThresholdSweep.Point p : curve) {
                    out.printf(Locale.ROOT, "%9.2f  %8.1f%%  %19.1f%n", p.threshold(), p.detectionPercent(), p.falseTriggersPerHour());
                }
                ThresholdSweep.suggest(curve, maxFalsePerHour).ifPresentOrElse(
                        p -> out.printf(Locale.ROOT, "suggested threshold for at most %.1f false triggers per hour: %.2f (%.1f%% detected)%n",
                                maxFalsePerHour, p.threshold(), p.detectionPercent()),
                        () -> out.printf(Locale.ROOT, "no threshold gives at most %.1f false triggers per hour on this recording%n",
                                maxFalsePerHour));
            }
        }
        out.flush();
        return 0;
    }

    private int listen(StreamingRecognizer recognizer, RecognizeCommands.Settings settings, PrintWriter out) throws Exception {
        int rate = recognizer.model().features().sampleRate();
        StreamingRecognizer.Live live = recognizer.new Live(settings);
        float[] buf = new float[rate / 50];
        long limit = seconds > 0 ? (long) seconds * rate : Long.MAX_VALUE;
        long read = 0;
        boolean warned = false;
        try (MicrophoneSource source = new MicrophoneSource(null)) {
            source.open(rate);
            out.println("listening on " + source.name() + " (Ctrl+C stops)");
            out.flush();
            while (read < limit) {
                int n = source.read(buf, 0, buf.length);
                if (n < 0) {
                    break;
                }
                read += n;
                live.accept(buf, 0, n, step -> {
                    if (step.result().newCommand() && !"_silence_".equals(step.result().label())) {
                        out.printf(Locale.ROOT, "%9.2f s  %-12s %.2f%n", step.timeMs() / 1000.0, step.result().label(),
                                step.result().score());
                        out.flush();
                    }
                });
                if (live.load() > 1 && !warned) {
                    warned = true;
                    spec.commandLine().getErr().printf(Locale.ROOT, "warning: recognition takes %.1fx the stride; it cannot keep up%n",
                            live.load());
                }
            }
        }
        return 0;
    }
}
