package io.kwsstudio.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever bytes arrive, {@link WavReader#decode} returns a clip of finite samples in [-1,1] or
 * throws an {@link AudioFileException} for a real problem: never another exception, and never an
 * internal error wrapped as one.
 */
class WavReaderPropertiesTest {

    private static final Path NAME = Path.of("fuzz.wav");

    /** Offsets of header fields in a canonical (44-byte header) file. */
    private static final int[] FIELD_OFFSETS = {4, 16, 20, 22, 24, 28, 32, 34, 40};

    @Property(tries = 400)
    void randomBytes(@ForAll @Size(max = 400) byte[] bytes) {
        checkDecode(bytes);
    }

    @Property(tries = 300)
    void randomBytesAfterAValidRiffHeader(@ForAll @Size(max = 300) byte[] tail) {
        byte[] bytes = new byte[12 + tail.length];
        System.arraycopy("RIFF\0\0\0\0WAVE".getBytes(), 0, bytes, 0, 12);
        System.arraycopy(tail, 0, bytes, 12, tail.length);
        checkDecode(bytes);
    }

    @Property(tries = 400)
    void flippedBytes(@ForAll("validWavs") byte[] wav, @ForAll("positions") List<Integer> where,
            @ForAll byte value) {
        byte[] bytes = wav.clone();
        for (int p : where) {
            bytes[p % bytes.length] ^= (byte) (value | 1);
        }
        checkDecode(bytes);
    }

    @Property(tries = 300)
    void truncated(@ForAll("validWavs") byte[] wav, @ForAll("fractions") double keep) {
        checkDecode(Arrays.copyOf(wav, (int) (wav.length * keep)));
    }

    @Property(tries = 300)
    void insertedBytes(@ForAll("validWavs") byte[] wav, @ForAll("fractions") double at,
            @ForAll @Size(min = 1, max = 9) byte[] inserted) {
        int p = (int) (wav.length * at);
        byte[] bytes = new byte[wav.length + inserted.length];
        System.arraycopy(wav, 0, bytes, 0, p);
        System.arraycopy(inserted, 0, bytes, p, inserted.length);
        System.arraycopy(wav, p, bytes, p + inserted.length, wav.length - p);
        checkDecode(bytes);
    }

    @Property(tries = 500)
    void changedHeaderFields(@ForAll("canonicalWavs") byte[] wav,
            @ForAll("fieldIndexes") int field, @ForAll("fieldValues") long value) {
        byte[] bytes = wav.clone();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int offset = FIELD_OFFSETS[field];
        boolean u16 = offset >= 20 && offset != 24 && offset != 28 && offset != 40;
        if (u16) {
            b.putShort(offset, (short) value);
        } else {
            b.putInt(offset, (int) value);
        }
        checkDecode(bytes);
    }

    @Property(tries = 200)
    void validFilesAlwaysDecode(@ForAll("validWavs") byte[] wav) throws AudioFileException {
        AudioClip clip = WavReader.decode(wav, NAME);
        assertThat(clip.frames()).isPositive();
        assertSane(clip);
    }

    @Property(tries = 300)
    void writerRoundTripIsWithinOneStep(@ForAll @Size(min = 1, max = 300) float[] samples,
            @ForAll("rates") int rate) throws AudioFileException {
        AudioClip clip = new AudioClip(samples, rate);
        byte[] wav = WavWriter.encodePcm16(clip);
        assertThat(wav).hasSize(44 + 2 * samples.length);
        AudioClip back = WavReader.decode(wav, NAME);
        assertThat(back.sampleRate()).isEqualTo(rate);
        for (int i = 0; i < samples.length; i++) {
            float expected = Float.isNaN(samples[i]) ? 0f : Math.max(-1f, Math.min(1f, samples[i]));
            assertThat(Math.abs(back.samples()[i] - expected))
                    .as("sample %d = %s", i, samples[i]).isLessThanOrEqualTo(1f / 32768f);
        }
    }

    private static void checkDecode(byte[] bytes) {
        try {
            assertSane(WavReader.decode(bytes, NAME));
        } catch (AudioFileException e) {
            if (e.getCause() instanceof RuntimeException) {
                fail("internal error for input " + hex(bytes), e.getCause());
            }
            assertThat(e.getMessage()).startsWith("fuzz.wav: ");
            assertThat(e.problem()).isNotBlank();
        } catch (Throwable t) {
            fail("unexpected " + t + " for input " + hex(bytes), t);
        }
    }

    private static void assertSane(AudioClip clip) {
        assertThat(clip.sampleRate()).isPositive();
        for (float s : clip.samples()) {
            if (!(s >= -1f && s <= 1f)) {
                fail("sample out of range: " + s);
            }
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 200); i++) {
            sb.append(String.format("%02x", bytes[i]));
        }
        return sb + (bytes.length > 200 ? "... (" + bytes.length + " bytes)" : "");
    }

    @Provide
    Arbitrary<byte[]> validWavs() {
        Arbitrary<int[]> formats = Arbitraries.of(
                new int[] {1, 8}, new int[] {1, 16}, new int[] {1, 24}, new int[] {1, 32},
                new int[] {3, 32}, new int[] {3, 64}, new int[] {0xFFFE, 16},
                new int[] {0xFFFE, 32});
        Arbitrary<Integer> channels = Arbitraries.integers().between(1, 3);
        Arbitrary<Integer> frames = Arbitraries.integers().between(1, 40);
        Arbitrary<Boolean> extraChunk = Arbitraries.of(true, false);
        Arbitrary<Long> seed = Arbitraries.longs();
        return Combinators.combine(formats, channels, frames, extraChunk, seed)
                .as((format, ch, n, extra, s) -> {
                    WavFixture wav = format[0] == 3
                            ? WavFixture.ieeeFloat(format[1], ch, 16000)
                            : WavFixture.pcm(format[1], ch, 16000);
                    if (format[0] == 0xFFFE) {
                        wav.extensible(1, format[1]);
                    }
                    byte[] data = new byte[n * ch * format[1] / 8];
                    new java.util.Random(s).nextBytes(data);
                    wav.data(data);
                    if (extra) {
                        wav.chunkBeforeData("LIST", new byte[(int) Math.floorMod(s, 7L)]);
                    }
                    return wav.build();
                });
    }

    @Provide
    Arbitrary<byte[]> canonicalWavs() {
        return Arbitraries.integers().between(1, 30).map(n -> {
            float[] samples = new float[n];
            for (int i = 0; i < n; i++) {
                samples[i] = (float) Math.sin(i);
            }
            return WavWriter.encodePcm16(new AudioClip(samples, 16000));
        });
    }

    @Provide
    Arbitrary<List<Integer>> positions() {
        return Arbitraries.integers().between(0, 10_000).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 1);
    }

    @Provide
    Arbitrary<Integer> fieldIndexes() {
        return Arbitraries.integers().between(0, FIELD_OFFSETS.length - 1);
    }

    @Provide
    Arbitrary<Long> fieldValues() {
        return Arbitraries.oneOf(
                Arbitraries.of(0L, 1L, 2L, 3L, 4L, 8L, 16L, 0xFFFEL, 0xFFFFL, 0x7FFFFFFFL,
                        0x7FFFF000L, 0xFFFFFFFFL, 0x80000000L),
                Arbitraries.longs().between(0, 0xFFFFFFFFL));
    }

    @Provide
    Arbitrary<Integer> rates() {
        return Arbitraries.of(8000, 16000, 22050, 44100, 48000, 1, 384000);
    }
}
