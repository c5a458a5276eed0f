package io.kwsstudio.stream;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.features.FeatureConfig;
import io.kwsstudio.features.FeatureExtractor;
import io.kwsstudio.runs.RunModel;
import io.kwsstudio.tasks.CancellationToken;
import io.kwsstudio.tasks.ProgressListener;

import java.util.concurrent.CancellationException;

/**
 * Runs a trained run's model over a stream: a window of the model's clip length every
 * {@code strideMs} (30 ms by default, as the reference), features exactly as in training, scores
 * per label. Recordings are scored in batches; live audio one window at a time ({@link Live}).
 */
public final class StreamingRecognizer {
    public static final int DEFAULT_STRIDE_MS = 30;
    private static final int BATCH = 256;

    private final RunModel model;
    private final FeatureConfig features;
    private final int strideSamples;
    private final int strideMs;

    public StreamingRecognizer(RunModel model, int strideMs) {
        if (strideMs < 1) {
            throw new IllegalArgumentException("the stride must be at least 1 ms");
        }
        this.model = model;
        this.features = model.features();
        this.strideMs = strideMs;
        this.strideSamples = Math.max(1, features.sampleRate() * strideMs / 1000);
    }

    public RunModel model() {
        return model;
    }

    public int strideMs() {
        return strideMs;
    }

    /** Scores every window of {@code recording} (at the model's sample rate). */
    public ScoreTrack score(AudioClip recording, ProgressListener progress, CancellationToken cancel) {
        if (recording.sampleRate() != features.sampleRate()) {
            throw new IllegalArgumentException("the recording is at " + recording.sampleRate() + " Hz; the model needs "
                    + features.sampleRate() + " Hz");
        }
        long t0 = System.nanoTime();
        float[] audio = recording.samples();
        int clip = features.clipSamples();
        int windows = audio.length <= clip ? 1 : 1 + (audio.length - clip) / strideSamples;
        FeatureExtractor extractor = new FeatureExtractor(features);
        int per = features.valuesPerClip();
        long[] times = new long[windows];
        float[][] scores = new float[windows][];
        float[] batch = new float[BATCH * per];
        float[] padded = new float[clip];
        for (int from = 0; from < windows; from += BATCH) {
            if (cancel.isCancelled()) {
                throw new CancellationException("streaming recognition cancelled");
            }
            int n = Math.min(BATCH, windows - from);
            for (int i = 0; i < n; i++) {
                int start = (from + i) * strideSamples;
                times[from + i] = Math.round(start * 1000.0 / features.sampleRate());
                if (start + clip <= audio.length) {
                    extractor.extract(audio, start, clip, batch, i * per);
                } else {
                    java.util.Arrays.fill(padded, 0f);
                    System.arraycopy(audio, start, padded, 0, Math.max(0, Math.min(clip, audio.length - start)));
                    extractor.extract(padded, batch, i * per);
                }
            }
            float[][] p = model.model().predict(batch, n);
            System.arraycopy(p, 0, scores, from, n);
            progress.progress(from + n, windows, "Scoring " + (from + n) + " of " + windows + " windows");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new ScoreTrack(model.labels(), times, scores, recording.durationSeconds(), seconds);
    }

    /**
     * Live recognition: feed audio as it arrives; every stride the last clip-length of audio is
     * scored and smoothed. Not thread-safe: one feeding thread.
     */
    public final class Live {
        private final float[] ring = new float[features.clipSamples()];
        private final float[] window = new float[features.clipSamples()];
        private final float[] feats = new float[features.valuesPerClip()];
        private final FeatureExtractor extractor = new FeatureExtractor(features);
        private RecognizeCommands commands;
        private long samplesSeen;
        private int sinceLast;
        private long busyNanos;
        private long windowsDone;

        /**
         * One scored window: its time (window start), every label's score, the smoothed result, and
         * the features of the audio that arrived since the previous window (frames x bins, for display).
         */
        public record Step(long timeMs, float[] scores, RecognizeCommands.Result result, float[] newestFrames) {
        }

        public Live(RecognizeCommands.Settings settings) {
            this.commands = new RecognizeCommands(model.labels(), settings);
        }

        /** New smoothing settings take effect from the next window. */
        public void settings(RecognizeCommands.Settings settings) {
            this.commands = new RecognizeCommands(model.labels(), settings);
        }

        /** Appends {@code n} samples; calls {@code out} for each window completed. */
        public void accept(float[] samples, int offset, int n, java.util.function.Consumer<Step> out) {
            for (int i = 0; i < n; i++) {
                ring[(int) (samplesSeen % ring.length)] = samples[offset + i];
                samplesSeen++;
                if (++sinceLast >= strideSamples && samplesSeen >= ring.length) {
                    sinceLast = 0;
                    out.accept(step());
                }
            }
        }

        private Step step() {
            long t0 = System.nanoTime();
            int start = (int) (samplesSeen % ring.length);
            System.arraycopy(ring, start, window, 0, ring.length - start);
            System.arraycopy(ring, 0, window, ring.length - start, start);
            extractor.extract(window, feats, 0);
            float[] s = model.model().predict(feats, 1)[0];
            long timeMs = Math.round((samplesSeen - ring.length) * 1000.0 / features.sampleRate());
            RecognizeCommands.Result r = commands.process(timeMs, s);
            int bins = features.bins();
            int newest = Math.max(1, Math.min(features.frames(), (int) Math.round(strideSamples / (double) features.strideSamples())));
            float[] tail = java.util.Arrays.copyOfRange(feats, (features.frames() - newest) * bins, features.frames() * bins);
            busyNanos += System.nanoTime() - t0;
            windowsDone++;
            return new Step(timeMs, s, r, tail);
        }

        /** Processing time per window over the stride: above 1 means it cannot keep up with real time. */
        public double load() {
            return windowsDone == 0 ? 0 : busyNanos / 1e6 / windowsDone / strideMs;
        }
    }
}
