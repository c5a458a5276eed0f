package io.kwsstudio.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The real sound card path. On machines without audio (CI, servers) it must fail with a clear
 * message rather than an exception; where a device exists those checks are skipped.
 */
class JavaSoundSinkTest {

    private static boolean deviceAvailable() {
        JavaSoundSink sink = new JavaSoundSink();
        try {
            sink.open(16000);
            return true;
        } catch (AudioUnavailableException e) {
            return false;
        } finally {
            sink.close();
        }
    }

    @Test
    void withoutADeviceOpenExplainsWhy() {
        assumeTrue(!deviceAvailable(), "this machine has an audio device");
        JavaSoundSink sink = new JavaSoundSink();
        try {
            sink.open(16000);
            throw new AssertionError("open should fail without a device");
        } catch (AudioUnavailableException e) {
            assertThat(e.getMessage()).startsWith("No audio output device available (");
        }
        // Unopened sinks are inert rather than throwing.
        assertThat(sink.write(new byte[4], 0, 4)).isZero();
        assertThat(sink.framePosition()).isZero();
        sink.drain();
        sink.stop();
        sink.close();
        sink.close();
    }

    @Test
    void defaultPlayerReportsMissingDeviceThroughTheListener() throws Exception {
        assumeTrue(!deviceAvailable(), "this machine has an audio device");
        AtomicReference<String> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        try (ClipPlayer player = new ClipPlayer()) {
            player.play(new AudioClip(new float[1600], 16000), new ClipPlayer.PlaybackListener() {
                @Override
                public void failed(String message) {
                    failure.set(message);
                    done.countDown();
                }

                @Override
                public void finished() {
                    done.countDown();
                }
            });
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(failure.get()).startsWith("No audio output device available");
    }

    @Test
    void withADeviceAShortClipPlays() throws Exception {
        assumeTrue(deviceAvailable(), "no audio device on this machine");
        JavaSoundSink sink = new JavaSoundSink();
        sink.open(16000);
        byte[] silence = new byte[3200];
        assertThat(sink.write(silence, 0, silence.length)).isEqualTo(silence.length);
        sink.drain();
        assertThat(sink.framePosition()).isPositive();
        sink.close();
    }
}
