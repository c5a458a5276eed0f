package io.kwsstudio.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * The model's label scores for every window of a recording: window {@code i} starts at
 * {@code timesMs[i]}. Kept so detection settings (threshold, averaging, suppression) can be changed
 * and re-applied at once without running the model again.
 *
 * @param audioSeconds      length of the recording
 * @param processingSeconds time spent computing features and scores
 */
public record ScoreTrack(List<String> labels, long[] timesMs, float[][] scores, double audioSeconds, double processingSeconds) {

    /** Processing time per second of audio: below 1 keeps up with real time. */
    public double realTimeFactor() {
        return audioSeconds > 0 ? processingSeconds / audioSeconds : 0;
    }

    public int windows() {
        return timesMs.length;
    }

    /**
     * The reference's smoothing and triggering over the whole track: the new commands, without
     * {@code _silence_} (silence is not a word, so it is never a detection).
     */
    public List<Detection> detect(RecognizeCommands.Settings settings) {
        RecognizeCommands rc = new RecognizeCommands(labels, settings);
        List<Detection> out = new ArrayList<>();
        for (int i = 0; i < timesMs.length; i++) {
            RecognizeCommands.Result r = rc.process(timesMs[i], scores[i]);
            if (r.newCommand() && !"_silence_".equals(r.label())) {
                out.add(new Detection(r.label(), timesMs[i], r.score()));
            }
        }
        return out;
    }
}
