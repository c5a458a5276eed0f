package io.kwsstudio.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every supported WAV flavour decodes to the exact expected sample values, by every read path. */
class WavReaderFormatsTest {

    @TempDir
    Path dir;

    /** The three ways bytes reach the parser; all must agree. */
    enum Via { DECODE, FILE_IN_MEMORY, FILE_STREAMED }

    private AudioClip read(Via via, WavFixture wav) throws IOException {
        byte[] bytes = wav.build();
        Path file = dir.resolve("clip.wav");
        Files.write(file, bytes);
        return switch (via) {
            case DECODE -> WavReader.decode(bytes, file);
            case FILE_IN_MEMORY -> WavReader.read(file);
            case FILE_STREAMED -> WavReader.readWithLimit(file, 0L);
        };
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void pcm16MonoIsScaledBy32768(Via via) throws IOException {
        AudioClip clip = read(via, WavFixture.pcm(16, 1, 16000)
                .samples(0, 16384, -16384, 32767, -32768, 1));
        assertThat(clip.sampleRate()).isEqualTo(16000);
        assertThat(clip.samples()).containsExactly(0f, 0.5f, -0.5f, 32767f / 32768f, -1f,
                1f / 32768f);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void pcm8IsUnsignedAround128(Via via) throws IOException {
        AudioClip clip = read(via, WavFixture.pcm(8, 1, 8000).samples(128, 255, 0, 64, 192));
        assertThat(clip.samples()).containsExactly(0f, 127f / 128f, -1f, -0.5f, 0.5f);
        assertThat(clip.samples()[1]).isCloseTo(0.992f, within(0.001f));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void pcm24UsesSignExtension(Via via) throws IOException {
        AudioClip clip = read(via, WavFixture.pcm(24, 1, 48000)
                .samples(0, 0x7FFFFF, -0x800000, 0x400000, -1, -0x400000));
        assertThat(clip.samples()).containsExactly(0f, 8388607f / 8388608f, -1f, 0.5f,
                -1f / 8388608f, -0.5f);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void pcm32(Via via) throws IOException {
        AudioClip clip = read(via, WavFixture.pcm(32, 1, 44100)
                .samples(0, Integer.MIN_VALUE, 1 << 30, -(1 << 29), Integer.MAX_VALUE));
        assertThat(clip.samples()).containsExactly(0f, -1f, 0.5f, -0.25f, 1f);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void float32KeepsValuesAndCleansNonFinite(Via via) throws IOException {
        AudioClip clip = read(via, WavFixture.ieeeFloat(32, 1, 16000).floatSamples(
                0.25, -0.75, 1.5, -3, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 1e-7));
        assertThat(clip.samples()).containsExactly(0.25f, -0.75f, 1f, -1f, 0f, 0f, 0f, 1e-7f);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void float64(Via via) throws IOException {
        AudioClip clip = read(via, WavFixture.ieeeFloat(64, 1, 22050)
                .floatSamples(0.125, -0.5, 0.1, Double.NaN, 2.0));
        assertThat(clip.samples()).containsExactly(0.125f, -0.5f, 0.1f, 0f, 1f);
        assertThat(clip.sampleRate()).isEqualTo(22050);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void extensiblePcm16(Via via) throws IOException {
        AudioClip clip = read(via, WavFixture.pcm(16, 1, 16000).extensible(WavFixture.PCM, 16)
                .samples(16384, -32768));
        assertThat(clip.samples()).containsExactly(0.5f, -1f);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void extensible24BitsIn32BitContainers(Via via) throws IOException {
        AudioClip clip = read(via, WavFixture.pcm(32, 1, 96000).extensible(WavFixture.PCM, 24)
                .samples(0x40000000L, 0x80000000L, 0x7FFFFF00L));
        assertThat(clip.samples()).containsExactly(0.5f, -1f, (float) (0x7FFFFF00L / 2147483648.0));
        assertThat(clip.sampleRate()).isEqualTo(96000);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void extensibleFloat(Via via) throws IOException {
        AudioClip clip = read(via, WavFixture.ieeeFloat(32, 2, 48000)
                .extensible(WavFixture.FLOAT, 32).floatSamples(0.5, 0.25, -1, -1));
        assertThat(clip.samples()).containsExactly(0.375f, -1f);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void stereoIsAveraged(Via via) throws IOException {
        AudioClip clip = read(via, WavFixture.pcm(16, 2, 16000)
                .samples(16384, -16384, 16384, 16384, -32768, -32768, 32767, -32768));
        assertThat(clip.samples()).containsExactly(0f, 0.5f, -1f, -0.5f / 32768f);
        assertThat(clip.frames()).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void sixChannel24BitIsAveraged(Via via) throws IOException {
        long h = 0x400000;  // 0.5
        AudioClip clip = read(via, WavFixture.pcm(24, 6, 48000)
                .samples(h, h, h, h, h, h, -0x800000, -0x800000, -0x800000, -0x800000, -0x800000,
                        -0x800000, h, -h, h, -h, 0, 0));
        assertThat(clip.samples()).containsExactly(0.5f, -1f, 0f);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void stereo8BitAndFloatAndPcm32Downmix(Via via) throws IOException {
        assertThat(read(via, WavFixture.pcm(8, 2, 8000).samples(255, 1, 0, 0)).samples())
                .containsExactly(0f, -1f);
        assertThat(read(via, WavFixture.pcm(32, 2, 8000)
                .samples(Integer.MIN_VALUE, Integer.MIN_VALUE, 1 << 30, 0)).samples())
                .containsExactly(-1f, 0.25f);
        assertThat(read(via, WavFixture.ieeeFloat(64, 3, 8000)
                .floatSamples(1, 1, 1, Double.NaN, 0.3, 0.3)).samples())
                .containsExactly(1f, 0.2f);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void twelveBitSamplesAreLeftJustifiedInTwoBytes(Via via) throws IOException {
        AudioClip clip = read(via, WavFixture.pcm(12, 1, 8000).samples(0x4000, -0x8000, 0x10));
        assertThat(clip.samples()).containsExactly(0.5f, -1f, 16f / 32768f);
        Path file = dir.resolve("twelve.wav");
        WavFixture.pcm(12, 1, 8000).samples(0x4000).writeTo(file);
        assertThat(WavReader.readInfo(file).bitsPerSample()).isEqualTo(12);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void skipsListAndOtherChunksWithPadBytes(Via via) throws IOException {
        AudioClip clip = read(via, WavFixture.pcm(16, 1, 16000)
                .chunkBeforeFmt("JUNK", new byte[28])
                .chunkBeforeData("bext", new byte[] {1, 2, 3})           // odd: padded
                .chunkBeforeData("LIST", "INFOISFT\5\0\0\0abcd\0".getBytes())  // odd too
                .chunkBeforeData("fact", new byte[] {4, 0, 0, 0})
                .samples(16384, -16384)
                .chunkAfterData("smpl", new byte[7]));
        assertThat(clip.samples()).containsExactly(0.5f, -0.5f);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void toleratesAMissingPadByte(Via via) throws IOException {
        AudioClip clip = read(via, WavFixture.pcm(16, 1, 16000).withoutPadBytes()
                .chunkBeforeData("bext", new byte[] {1, 2, 3})
                .samples(16384, -16384));
        assertThat(clip.samples()).containsExactly(0.5f, -0.5f);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void fmtAfterDataIsFound(Via via) throws IOException {
        AudioClip clip = read(via, WavFixture.pcm(16, 1, 16000).fmtAfterData()
                .samples(16384, -16384, 8192));
        assertThat(clip.samples()).containsExactly(0.5f, -0.5f, 0.25f);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void oddSizedDataChunkDropsThePartialFrame(Via via) throws IOException {
        AudioClip clip = read(via, WavFixture.pcm(16, 1, 16000)
                .data(new byte[] {0, 0x40, 0, (byte) 0xC0, 0x11}));
        assertThat(clip.samples()).containsExactly(0.5f, -0.5f);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void streamingPlaceholderSizesReadToEndOfFile(Via via) throws IOException {
        for (long marker : new long[] {0xFFFFFFFFL, 0x7FFFFFFFL, 0x7FFFF000L}) {
            AudioClip clip = read(via, WavFixture.pcm(16, 1, 16000).dataSizeField(marker)
                    .riffSizeField(0xFFFFFFFFL).samples(16384, -16384, 8192));
            assertThat(clip.samples()).as("marker %x", marker).containsExactly(0.5f, -0.5f, 0.25f);
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void zeroDataSizeWithUnfinishedRiffSizeReadsToEndOfFile(Via via) throws IOException {
        for (long riff : new long[] {0, 0xFFFFFFFFL, 36}) {
            AudioClip clip = read(via, WavFixture.pcm(16, 1, 16000).dataSizeField(0)
                    .riffSizeField(riff).samples(16384, -16384));
            assertThat(clip.samples()).as("riff size %d", riff).containsExactly(0.5f, -0.5f);
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void wrongRiffSizeIsIgnored(Via via) throws IOException {
        AudioClip clip = read(via, WavFixture.pcm(16, 1, 16000).riffSizeField(12)
                .samples(16384));
        assertThat(clip.samples()).containsExactly(0.5f);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void rf64UsesTheDs64DataSize(Via via) throws IOException {
        ByteBuffer ds64 = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
        ds64.putLong(0).putLong(4).putLong(2).putInt(0);
        AudioClip clip = read(via, WavFixture.pcm(16, 1, 16000).magic("RF64")
                .riffSizeField(0xFFFFFFFFL).chunkBeforeFmt("ds64", ds64.array())
                .dataSizeField(0xFFFFFFFFL).samples(16384, -16384, 1234)
                .chunkAfterData("LIST", new byte[4]));
        // ds64 says 4 bytes: the third sample is not audio.
        assertThat(clip.samples()).containsExactly(0.5f, -0.5f);
    }

    @Test
    void oddSampleRatesAndLongerClipsDecode() throws IOException {
        long[] values = new long[10_007];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i * 37) % 65536 - 32768;
        }
        byte[] wav = WavFixture.pcm(16, 1, 11025).samples(values).build();
        AudioClip clip = WavReader.decode(wav, Path.of("long.wav"));
        assertThat(clip.sampleRate()).isEqualTo(11025);
        assertThat(clip.frames()).isEqualTo(values.length);
        for (int i = 0; i < values.length; i++) {
            assertThat(clip.samples()[i]).isEqualTo(values[i] / 32768f);
        }
    }

    @Test
    void streamedReadOfAFileLargerThanOneBlockMatchesInMemoryRead() throws IOException {
        // 1.5 M frames of 24-bit stereo spans several 1 MB blocks.
        int frames = 1_500_000 / 6 * 6;
        byte[] data = new byte[frames * 6];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + (i >> 7));
        }
        Path file = WavFixture.pcm(24, 2, 48000).data(data).writeTo(dir.resolve("big.wav"));
        AudioClip inMemory = WavReader.read(file);
        AudioClip streamed = WavReader.readWithLimit(file, 0L);
        assertThat(streamed.frames()).isEqualTo(frames);
        assertThat(streamed).isEqualTo(inMemory);
    }

    @Test
    void readWithTargetRateResamples() throws IOException {
        Path file = dir.resolve("cd.wav");
        long[] values = new long[44100];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.round(16000 * Math.sin(2 * Math.PI * 440 * i / 44100.0));
        }
        WavFixture.pcm(16, 2, 44100).samples(interleaveTwice(values)).writeTo(file);
        AudioClip clip = WavReader.read(file, 16000);
        assertThat(clip.sampleRate()).isEqualTo(16000);
        assertThat(clip.frames()).isEqualTo(16000);
        assertThat(clip.peak()).isCloseTo(16000 / 32768f, within(0.01f));

        AudioClip same = WavReader.read(file, 44100);
        assertThat(same.frames()).isEqualTo(44100);
    }

    @Test
    void readWithTargetRateUpsamples() throws IOException {
        Path file = dir.resolve("phone.wav");
        long[] values = new long[8000];
        Arrays.fill(values, 8192);
        WavFixture.pcm(16, 1, 8000).samples(values).writeTo(file);
        AudioClip clip = WavReader.read(file, 16000);
        assertThat(clip.frames()).isEqualTo(16000);
        assertThat(clip.samples()[8000]).isCloseTo(0.25f, within(1e-4f));
    }

    @Test
    void readInfoReportsTheHeader() throws IOException {
        Path file = WavFixture.pcm(24, 2, 44100).samples(new long[2 * 44100])
                .chunkBeforeData("LIST", new byte[10]).writeTo(dir.resolve("info.wav"));
        WavInfo info = WavReader.readInfo(file);
        assertThat(info).isEqualTo(new WavInfo(file, "PCM", 2, 44100, 24, 44100));
        assertThat(info.durationSeconds()).isEqualTo(1.0);

        Path floats = WavFixture.ieeeFloat(32, 1, 16000).extensible(WavFixture.FLOAT, 32)
                .floatSamples(new double[8000]).writeTo(dir.resolve("float.wav"));
        assertThat(WavReader.readInfo(floats))
                .isEqualTo(new WavInfo(floats, "IEEE float", 1, 16000, 32, 8000));

        Path ext = WavFixture.pcm(32, 1, 96000).extensible(WavFixture.PCM, 24)
                .samples(1, 2, 3).writeTo(dir.resolve("ext.wav"));
        assertThat(WavReader.readInfo(ext).bitsPerSample()).isEqualTo(24);
    }

    private static long[] interleaveTwice(long[] mono) {
        long[] out = new long[mono.length * 2];
        for (int i = 0; i < mono.length; i++) {
            out[2 * i] = mono[i];
            out[2 * i + 1] = mono[i];
        }
        return out;
    }
}
