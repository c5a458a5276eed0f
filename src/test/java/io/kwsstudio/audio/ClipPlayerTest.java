package io.kwsstudio.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClipPlayerTest {

    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final List<FakeSink> sinks = new CopyOnWriteArrayList<>();
    private ClipPlayer player;

    @AfterEach
    void closePlayer() {
        if (player != null) {
            player.close();
        }
    }

    private Supplier<AudioSink> realtimeSinks() {
        return () -> {
            FakeSink sink = new FakeSink("sink" + sinks.size(), events, 1.0, 100);
            sinks.add(sink);
            return sink;
        };
    }

    private static AudioClip clip(double seconds, int rate) {
        float[] s = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (0.5 * Math.sin(i * 0.05));
        }
        return new AudioClip(s, rate);
    }

    /** Records everything a listener is told. */
    static final class Recorder implements ClipPlayer.PlaybackListener {
        final List<Double> positions = new CopyOnWriteArrayList<>();
        final List<Long> positionTimes = new CopyOnWriteArrayList<>();
        final List<String> endings = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final CountDownLatch ended = new CountDownLatch(1);
        final CountDownLatch started = new CountDownLatch(1);
        volatile String failure;

        @Override
        public void position(double seconds) {
            positions.add(seconds);
            positionTimes.add(System.nanoTime());
            threads.add(Thread.currentThread().getName());
            if (seconds > 0) {
                started.countDown();
            }
        }

        @Override
        public void finished() {
            end("finished");
        }

        @Override
        public void stopped() {
            end("stopped");
        }

        @Override
        public void failed(String message) {
            failure = message;
            end("failed");
        }

        private void end(String how) {
            endings.add(how);
            threads.add(Thread.currentThread().getName());
            ended.countDown();
        }

        void awaitEnd() throws InterruptedException {
            assertThat(ended.await(10, TimeUnit.SECONDS)).as("playback ended").isTrue();
            Thread.sleep(50);  // so a wrong second ending would show up
        }
    }

    @Test
    void playsToTheEndWithIncreasingPositions() throws Exception {
        player = new ClipPlayer(realtimeSinks());
        AudioClip clip = clip(0.5, 16000);
        Recorder r = new Recorder();
        player.play(clip, r);
        assertThat(player.isPlaying()).isTrue();
        r.awaitEnd();

        assertThat(r.endings).containsExactly("finished");
        assertThat(player.isPlaying()).isFalse();
        assertThat(r.positions).first().isEqualTo(0.0);
        assertThat(r.positions).last().isEqualTo(0.5);
        for (int i = 1; i < r.positions.size(); i++) {
            assertThat(r.positions.get(i)).isGreaterThan(r.positions.get(i - 1));
        }
        // About every 20-30 ms over half a second (generous for a busy machine).
        assertThat(r.positions.size()).isBetween(8, 40);
        assertThat(r.threads).allMatch(t -> t.equals("kws-clip-player"));

        FakeSink sink = sinks.get(0);
        assertThat(sink.rate()).isEqualTo(16000);
        assertThat(sink.closed()).isTrue();
        byte[] expected = WavWriter.encodePcm16(clip);
        assertThat(sink.received())
                .isEqualTo(Arrays.copyOfRange(expected, 44, expected.length));
    }

    @Test
    void playNeverBlocksTheCaller() throws Exception {
        player = new ClipPlayer(realtimeSinks());
        Recorder r = new Recorder();
        long t0 = System.nanoTime();
        player.play(clip(10, 16000), r);
        player.play(clip(10, 16000), new Recorder());
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(500);
    }

    @Test
    void stopIsPrompt() throws Exception {
        player = new ClipPlayer(realtimeSinks());
        Recorder r = new Recorder();
        player.play(clip(10, 16000), r);
        assertThat(r.started.await(5, TimeUnit.SECONDS)).isTrue();

        long t0 = System.nanoTime();
        player.stop();
        assertThat(player.isPlaying()).isFalse();
        assertThat(r.ended.await(5, TimeUnit.SECONDS)).isTrue();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(millis).isLessThan(500);
        r.awaitEnd();
        assertThat(r.endings).containsExactly("stopped");
        FakeSink sink = sinks.get(0);
        assertThat(sink.stopped()).isTrue();
        assertThat(sink.closed()).isTrue();
        assertThat(sink.framesWritten()).isLessThan(16000 * 5);
        int count = r.positions.size();
        Thread.sleep(100);
        assertThat(r.positions).hasSize(count);
    }

    @Test
    void playingASecondClipStopsTheFirst() throws Exception {
        player = new ClipPlayer(realtimeSinks());
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        player.play(clip(10, 16000), first);
        assertThat(first.started.await(5, TimeUnit.SECONDS)).isTrue();
        player.play(clip(0.2, 22050), second);
        second.awaitEnd();
        first.awaitEnd();

        assertThat(first.endings).containsExactly("stopped");
        assertThat(second.endings).containsExactly("finished");
        assertThat(second.positions).last().isEqualTo(0.2);
        // The devices never overlap: the first is closed before the second opens.
        assertThat(events).containsSubsequence("sink0 stop", "sink0 close", "sink1 open 22050",
                "sink1 close");
    }

    @Test
    void openFailureIsReportedNotThrown() throws Exception {
        player = new ClipPlayer(() -> {
            FakeSink sink = new FakeSink("dead", events, 1.0, 100).acceptingRates(rate -> false);
            sinks.add(sink);
            return sink;
        });
        Recorder r = new Recorder();
        player.play(clip(1, 16000), r);
        r.awaitEnd();
        assertThat(r.endings).containsExactly("failed");
        assertThat(r.failure).isEqualTo("No audio output device available (fake refuses 16000 Hz)");
        assertThat(r.positions).isEmpty();
        assertThat(player.isPlaying()).isFalse();
        assertThat(events).containsExactly("dead open 16000", "dead open 48000", "dead open 44100",
                "dead close");
    }

    @Test
    void refusedRateFallsBackToAResampledCommonRate() throws Exception {
        player = new ClipPlayer(() -> {
            FakeSink sink = new FakeSink("picky", events, 4.0, 100)
                    .acceptingRates(rate -> rate == 48000);
            sinks.add(sink);
            return sink;
        });
        Recorder r = new Recorder();
        player.play(clip(0.3, 16000), r);
        r.awaitEnd();
        assertThat(r.endings).containsExactly("finished");
        assertThat(sinks.get(0).rate()).isEqualTo(48000);
        assertThat(sinks.get(0).framesWritten()).isEqualTo(14400);
        assertThat(r.positions).last().satisfies(p -> assertThat(p).isCloseTo(0.3, within(1e-9)));
    }

    @Test
    void sinkSupplierProblemsAreReported() throws Exception {
        player = new ClipPlayer(() -> null);
        Recorder r = new Recorder();
        player.play(clip(0.1, 16000), r);
        r.awaitEnd();
        assertThat(r.endings).containsExactly("failed");
        assertThat(r.failure).isEqualTo("No audio output available");

        ClipPlayer throwing = new ClipPlayer(() -> {
            throw new IllegalStateException("mixer exploded");
        });
        Recorder r2 = new Recorder();
        throwing.play(clip(0.1, 16000), r2);
        r2.awaitEnd();
        throwing.close();
        assertThat(r2.endings).containsExactly("failed");
        assertThat(r2.failure).contains("mixer exploded");
    }

    @Test
    void brokenDeviceThatAcceptsNothingFails() throws Exception {
        player = new ClipPlayer(() -> new FakeSink("stuck", events, 1.0, 100).acceptingNothing());
        Recorder r = new Recorder();
        player.play(clip(1, 16000), r);
        r.awaitEnd();
        assertThat(r.endings).containsExactly("failed");
        assertThat(r.failure).isEqualTo("The audio output stopped accepting sound");
    }

    @Test
    void throwingListenerDoesNotBreakPlayback() throws Exception {
        player = new ClipPlayer(realtimeSinks());
        AtomicInteger positions = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        player.play(clip(0.2, 16000), new ClipPlayer.PlaybackListener() {
            @Override
            public void position(double seconds) {
                positions.incrementAndGet();
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void finished() {
                done.countDown();
            }
        });
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(positions.get()).isGreaterThan(2);

        // The player still works afterwards.
        Recorder r = new Recorder();
        player.play(clip(0.1, 16000), r);
        r.awaitEnd();
        assertThat(r.endings).containsExactly("finished");
    }

    @Test
    void emptyClipFinishesAtOnce() throws Exception {
        player = new ClipPlayer(realtimeSinks());
        Recorder r = new Recorder();
        player.play(new AudioClip(new float[0], 16000), r);
        r.awaitEnd();
        assertThat(r.endings).containsExactly("finished");
    }

    @Test
    void closeStopsPlaybackAndRefusesMore() throws Exception {
        player = new ClipPlayer(realtimeSinks());
        Recorder r = new Recorder();
        player.play(clip(10, 16000), r);
        assertThat(r.started.await(5, TimeUnit.SECONDS)).isTrue();
        player.close();
        player.close();
        r.awaitEnd();
        assertThat(r.endings).containsExactly("stopped");
        assertThat(player.isPlaying()).isFalse();
        assertThatThrownBy(() -> player.play(clip(1, 16000), new Recorder()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void rapidReplaysEachEndExactlyOnce() throws Exception {
        player = new ClipPlayer(realtimeSinks());
        List<Recorder> recorders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Recorder r = new Recorder();
            recorders.add(r);
            player.play(clip(i == 19 ? 0.1 : 5, 16000), r);
        }
        for (Recorder r : recorders) {
            r.awaitEnd();
        }
        for (int i = 0; i < 19; i++) {
            assertThat(recorders.get(i).endings).as("clip %d", i).containsExactly("stopped");
        }
        assertThat(recorders.get(19).endings).containsExactly("finished");
        assertThat(player.isPlaying()).isFalse();
    }

    @Test
    void nullArgumentsAreRejected() {
        player = new ClipPlayer(realtimeSinks());
        assertThatThrownBy(() -> player.play(null, new Recorder()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> player.play(clip(0.1, 16000), null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ClipPlayer(null)).isInstanceOf(NullPointerException.class);
    }
}
