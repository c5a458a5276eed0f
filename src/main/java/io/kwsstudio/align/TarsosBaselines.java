package io.kwsstudio.align;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.SilenceDetector;
import be.tarsos.dsp.io.jvm.AudioDispatcherFactory;
import be.tarsos.dsp.onsets.ComplexOnsetDetector;
import be.tarsos.dsp.onsets.PercussionOnsetDetector;
import io.kwsstudio.audio.AudioClip;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Word-onset estimates built from TarsosDSP's detectors, kept so {@link AlignBenchmark} can
 * measure them against {@link OnsetDetector} on the same clips (the issue asked which is better).
 * Each returns the first sample judged to be speech, or -1 when none is.
 */
final class TarsosBaselines {

    /** 10 ms buffers: the resolution of the silence-detector baselines. */
    private static final double BUFFER_SECONDS = 0.010;
    private static final int ONSET_BUFFER = 512;
    private static final int ONSET_OVERLAP = 256;

    private TarsosBaselines() {
    }

    /**
     * First 10 ms buffer that {@link SilenceDetector} does not call silent, with its fixed
     * threshold in its own dB SPL scale ({@link SilenceDetector#DEFAULT_SILENCE_THRESHOLD} is -70).
     */
    static int silenceDetectorOnset(AudioClip clip, double thresholdDb) {
        SilenceDetector detector = new SilenceDetector(thresholdDb, false);
        int size = bufferSize(clip);
        float[] x = clip.samples();
        for (int from = 0; from + size <= x.length; from += size) {
            if (!detector.isSilence(Arrays.copyOfRange(x, from, from + size))) {
                return from;
            }
        }
        return -1;
    }

    /**
     * {@link SilenceDetector} with a threshold adapted to the clip: {@code marginDb} above the
     * given percentile of its buffer levels. This is the best a single broadband level can do
     * with a floor estimate, so it isolates what {@link OnsetDetector}'s bands and hysteresis add.
     */
    static int adaptiveSilenceDetectorOnset(AudioClip clip, double percentile, double marginDb) {
        SilenceDetector probe = new SilenceDetector();
        int size = bufferSize(clip);
        float[] x = clip.samples();
        int buffers = x.length / size;
        if (buffers == 0) {
            return -1;
        }
        float[] spl = new float[buffers];
        for (int i = 0; i < buffers; i++) {
            probe.isSilence(Arrays.copyOfRange(x, i * size, (i + 1) * size));
            spl[i] = (float) Math.max(-200, probe.currentSPL());
        }
        double threshold = OnsetDetector.percentile(spl.clone(), percentile) + marginDb;
        for (int i = 0; i < buffers; i++) {
            if (spl[i] > threshold) {
                return i * size;
            }
        }
        return -1;
    }

    /** First onset reported by {@link ComplexOnsetDetector} (512-sample FFT, default tuning). */
    static int complexOnset(AudioClip clip) {
        List<Double> onsets = new ArrayList<>();
        ComplexOnsetDetector detector = new ComplexOnsetDetector(ONSET_BUFFER);
        detector.setHandler((time, salience) -> onsets.add(time));
        run(clip, detector);
        return firstSample(onsets, clip);
    }

    /** First onset reported by {@link PercussionOnsetDetector} (default sensitivity/threshold). */
    static int percussionOnset(AudioClip clip) {
        List<Double> onsets = new ArrayList<>();
        PercussionOnsetDetector detector = new PercussionOnsetDetector(clip.sampleRate(),
                ONSET_BUFFER, (time, salience) -> onsets.add(time),
                PercussionOnsetDetector.DEFAULT_SENSITIVITY,
                PercussionOnsetDetector.DEFAULT_THRESHOLD);
        run(clip, detector);
        return firstSample(onsets, clip);
    }

    private static void run(AudioClip clip, be.tarsos.dsp.AudioProcessor processor) {
        try {
            AudioDispatcher dispatcher = AudioDispatcherFactory.fromFloatArray(
                    clip.samples().clone(), clip.sampleRate(), ONSET_BUFFER, ONSET_OVERLAP);
            dispatcher.addAudioProcessor(processor);
            dispatcher.run();
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalStateException("TarsosDSP rejected a float array", e);
        }
    }

    private static int firstSample(List<Double> onsets, AudioClip clip) {
        if (onsets.isEmpty()) {
            return -1;
        }
        double first = onsets.get(0);
        return (int) Math.max(0, Math.min(clip.frames(), Math.round(first * clip.sampleRate())));
    }

    private static int bufferSize(AudioClip clip) {
        return Math.max(1, (int) Math.round(BUFFER_SECONDS * clip.sampleRate()));
    }
}
