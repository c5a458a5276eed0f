package io.kwsstudio.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** readInfo must stay fast on datasets of 100k clips: it reads headers, never audio. */
class WavReaderHeaderOnlyTest {

    @TempDir
    Path dir;

    @Test
    void readInfoOfAHugeFileReadsOnlyTheHeader() throws IOException {
        long dataBytes = 3_000_000_000L;  // 3 GB of 16-bit audio, stored sparse
        Path file = dir.resolve("huge.wav");
        byte[] header = WavFixture.pcm(16, 1, 16000).dataSizeField(dataBytes)
                .riffSizeField(36 + dataBytes).build();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(header);
            raf.setLength(header.length + dataBytes);
        }

        WavInfo info = WavReader.readInfo(file);
        assertThat(info.frames()).isEqualTo(1_500_000_000L);
        assertThat(info.durationSeconds()).isEqualTo(93_750.0);

        try (FileSource src = FileSource.open(file)) {
            WavHeader.parse(src, file);
            assertThat(src.bytesRead()).isLessThanOrEqualTo(FileSource.HEAD_BYTES);
        }
    }

    @Test
    void chunksBeyondTheFirstKilobytesCostOnlySmallReads() throws IOException {
        // A 100 KB metadata chunk before the audio: the walker seeks over it.
        Path file = WavFixture.pcm(16, 1, 16000).chunkBeforeData("LIST", new byte[100_000])
                .samples(new long[16000]).writeTo(dir.resolve("meta.wav"));
        try (FileSource src = FileSource.open(file)) {
            assertThat(WavHeader.parse(src, file).frames()).isEqualTo(16000);
            assertThat(src.bytesRead()).isLessThan(FileSource.HEAD_BYTES + 100);
        }
        assertThat(WavReader.readInfo(file).frames()).isEqualTo(16000);
    }

    @Test
    void tooLongToLoadIsReportedNotThrownAsError() throws IOException {
        // 3 GB of 8-bit audio is more frames than a Java array can hold.
        long dataBytes = 3_000_000_000L;
        Path file = dir.resolve("endless.wav");
        byte[] header = WavFixture.pcm(8, 1, 8000).dataSizeField(dataBytes).build();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(header);
            raf.setLength(header.length + dataBytes);
        }
        try {
            WavReader.read(file);
            throw new AssertionError("expected AudioFileException");
        } catch (AudioFileException e) {
            assertThat(e.getMessage()).startsWith(file + ": ")
                    .contains("too long to load: 3000000000 frames");
        }
    }

    @Test
    void moreAudioThanTheHeapHoldsIsReportedNotThrownAsError() throws IOException {
        // 1.5 G frames fit an array but not this test JVM's heap (6 GB of floats).
        assumeTrue(Runtime.getRuntime().maxMemory() < 5L << 30, "heap large enough to try");
        long dataBytes = 3_000_000_000L;
        Path file = dir.resolve("long.wav");
        byte[] header = WavFixture.pcm(16, 1, 16000).dataSizeField(dataBytes).build();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(header);
            raf.setLength(header.length + dataBytes);
        }
        try {
            WavReader.read(file);
            throw new AssertionError("expected AudioFileException");
        } catch (AudioFileException e) {
            assertThat(e.getMessage()).startsWith(file + ": ")
                    .contains("too long to load into memory (1500000000 frames");
        }
    }
}
