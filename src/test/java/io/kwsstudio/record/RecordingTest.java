package io.kwsstudio.record;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.AudioSource;
import io.kwsstudio.audio.AudioUnavailableException;
import io.kwsstudio.audio.SignalSource;
import io.kwsstudio.dataset.Clip;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.testing.Fixtures;
import io.kwsstudio.testing.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordingTest {
    @TempDir
    Path tmp;

    @Test
    void recordsTakesFromAGeneratedSignalAndMetersLevels() throws Exception {
        AtomicInteger levels = new AtomicInteger();
        BlockingQueue<AudioClip> takes = new ArrayBlockingQueue<>(4);
        SignalSource src = new SignalSource("bursts", Signals.bursts(3, 1.0, 0.2, 16000), true, true);
        try (Recorder r = new Recorder(src, 16000)) {
            r.start(new Recorder.Listener() {
                @Override
                public void level(double peakDb, double rmsDb, boolean clipping) {
                    levels.incrementAndGet();
                }

                @Override
                public void takeFinished(AudioClip take) {
                    takes.add(take);
                }
            });
            Thread.sleep(300);
            r.startTake(8000, false);
            AudioClip full = takes.poll(3, TimeUnit.SECONDS);
            assertThat(full).isNotNull();
            assertThat(full.frames()).isEqualTo(8000);

            // stop on silence: the take ends ~300 ms after a 300 ms burst, well before 1.5 s
            r.startTake(24000, true);
            AudioClip early = takes.poll(4, TimeUnit.SECONDS);
            assertThat(early).isNotNull();
            assertThat(early.frames()).isLessThan(24000);
            assertThat(early.peak()).isGreaterThan(0.3f);
        }
        assertThat(levels.get()).isGreaterThan(10);
    }

    @Test
    void aMissingDeviceIsAClearMessage() {
        AudioSource broken = new AudioSource() {
            @Override
            public String name() {
                return "USB mic";
            }

            @Override
            public void open(int sampleRate) throws AudioUnavailableException {
                throw new AudioUnavailableException("No microphone available (USB mic unplugged)");
            }

            @Override
            public int read(float[] buffer, int offset, int len) {
                return -1;
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> new Recorder(broken, 16000).start(new Recorder.Listener() { }))
                .isInstanceOf(AudioUnavailableException.class).hasMessageContaining("No microphone");
    }

    @Test
    void sessionNamesTakesBySpeakerAndDiscardsToTrash() throws Exception {
        Dataset ds = Dataset.open(Fixtures.smallDataset(tmp.resolve("ds")));
        RecordingSession s = new RecordingSession(ds, "go", "Alice B.", 3);
        assertThat(s.speaker()).isEqualTo("aliceb");
        assertThat(s.prompt()).contains("go").contains("take 1 of 3");
        Clip a = s.save(Fixtures.tone(0.6, 300, 16000, 0.4f));
        Clip b = s.save(Fixtures.tone(1.3, 300, 16000, 0.4f));
        assertThat(a.relativePath()).isEqualTo("go/aliceb_nohash_0.wav");
        assertThat(b.relativePath()).isEqualTo("go/aliceb_nohash_1.wav");
        assertThat(io.kwsstudio.audio.WavReader.readInfo(ds.path(a)).frames()).isEqualTo(16000);
        assertThat(io.kwsstudio.audio.WavReader.readInfo(ds.path(b)).frames()).isEqualTo(16000);
        assertThat(s.prompt()).contains("take 3 of 3");
        assertThat(s.discardLast()).contains(b);
        assertThat(ds.clips("go")).extracting(Clip::fileName).containsExactly("aliceb_nohash_0.wav");
        assertThat(ds.trash()).hasSize(1);
        ds.undo(); // the discard
        assertThat(ds.clips("go")).hasSize(2);
        s.save(Fixtures.tone(1, 300, 16000, 0.4f));
        s.save(Fixtures.tone(1, 300, 16000, 0.4f));
        assertThat(s.done()).isTrue();
    }
}
