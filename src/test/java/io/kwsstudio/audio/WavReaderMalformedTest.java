package io.kwsstudio.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each kind of broken WAV gives an {@link AudioFileException} naming the file and the specific
 * problem, identically from readInfo, read (both paths) and decode.
 */
class WavReaderMalformedTest {

    @TempDir
    Path dir;

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("text", "just some text, not audio".getBytes(StandardCharsets.UTF_8),
                        "not a WAV file (no RIFF header)"),
                arguments("tiny", new byte[] {'R', 'I', 'F'}, "not a WAV file (no RIFF header)"),
                arguments("flac", "fLaC\0\0\0\"rest of a flac".getBytes(StandardCharsets.ISO_8859_1),
                        "not a WAV file (no RIFF header); it looks like FLAC audio"),
                arguments("mp3", "ID3\3\0\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1),
                        "looks like MP3 audio, convert it to WAV"),
                arguments("riff-header-cut", "RIFF\0\0\0\0WA".getBytes(StandardCharsets.ISO_8859_1),
                        "truncated: the file ends inside the RIFF header (10 bytes)"),
                arguments("rifx", WavFixture.pcm(16, 1, 16000).magic("RIFX").samples(1).build(),
                        "big-endian RIFX is not supported"),
                arguments("avi", WavFixture.pcm(16, 1, 16000).form("AVI ").samples(1).build(),
                        "RIFF file of type 'AVI ', not WAVE"),
                arguments("no-fmt", WavFixture.pcm(16, 1, 16000).withoutFmt().samples(1).build(),
                        "missing fmt chunk"),
                arguments("no-data", WavFixture.pcm(16, 1, 16000).withoutData()
                        .chunkAfterData("LIST", new byte[4]).build(), "missing data chunk"),
                arguments("header-only", WavFixture.pcm(16, 1, 16000).withoutData().build(),
                        "missing data chunk"),
                arguments("truncated", WavFixture.pcm(16, 1, 16000).data(new byte[100])
                        .dataSizeField(1000).build(),
                        "truncated: header says 1000 bytes of audio, file has 100"),
                arguments("claims-4gb", WavFixture.pcm(16, 1, 16000).data(new byte[10])
                        .dataSizeField(0xFFFFFFF0L).build(),
                        "truncated: header says 4294967280 bytes of audio, file has 10"),
                arguments("fmt-too-small", WavFixture.pcm(16, 1, 16000).fmtBody(new byte[14])
                        .samples(1).build(), "fmt chunk too small (14 bytes, need at least 16)"),
                arguments("fmt-past-eof", WavFixture.pcm(16, 1, 16000).fmtSizeField(5000)
                        .samples(1).build(), "truncated: fmt chunk says 5000 bytes"),
                arguments("chunk-past-eof", WavFixture.pcm(16, 1, 16000)
                        .chunkBeforeData("LIST", new byte[4], 100_000).samples(1).build(),
                        "chunk 'LIST' at byte 36 says 100000 bytes, past the end of the file"),
                arguments("garbage-chunk-id", WavFixture.pcm(16, 1, 16000)
                        .chunkBeforeData("\1\2ab", new byte[4], 0x7FFFFFF0L).samples(1).build(),
                        "chunk '\\x01\\x02ab' at byte 36"),
                arguments("block-align", WavFixture.pcm(16, 2, 16000).blockAlign(3)
                        .samples(1, 2).build(),
                        "block align 3 does not match 2 channel(s) of 16-bit samples (expected 4)"),
                arguments("block-align-zero", WavFixture.pcm(16, 1, 16000).blockAlign(0)
                        .samples(1).build(), "block align 0 does not match"),
                arguments("empty-data", WavFixture.pcm(16, 1, 16000).data(new byte[0])
                        .chunkAfterData("LIST", new byte[6]).build(),
                        "no audio frames (the data chunk is empty)"),
                arguments("partial-frame", WavFixture.pcm(24, 2, 16000).data(new byte[5]).build(),
                        "no audio frames (the data chunk has 5 bytes, less than one frame of 6)"),
                arguments("adpcm", WavFixture.format(2, 1, 16000, 4).blockAlign(1)
                        .data(new byte[8]).build(),
                        "unsupported encoding: Microsoft ADPCM (format 2); convert it to PCM"),
                arguments("alaw", WavFixture.format(6, 1, 8000, 8).samples(1).build(),
                        "unsupported encoding: A-law (format 6)"),
                arguments("mulaw", WavFixture.format(7, 1, 8000, 8).samples(1).build(),
                        "unsupported encoding: µ-law (format 7)"),
                arguments("mp3-in-wav", WavFixture.format(0x55, 1, 8000, 0).data(new byte[4])
                        .build(), "unsupported encoding: MP3 (format 0x55)"),
                arguments("unknown-codec", WavFixture.format(0x1234, 1, 8000, 16).samples(1)
                        .build(), "unsupported encoding: format 0x1234; convert it to PCM"),
                arguments("ext-guid", WavFixture.pcm(16, 1, 16000).extensible(1, 16)
                        .guidTail(new byte[14]).samples(1).build(),
                        "unsupported encoding: WAVE_FORMAT_EXTENSIBLE sub-format {00000001-0000-"),
                arguments("ext-adpcm", WavFixture.pcm(16, 1, 16000).extensible(2, 16)
                        .samples(1).build(), "unsupported encoding: Microsoft ADPCM (format 2)"),
                arguments("ext-too-small", WavFixture.pcm(16, 1, 16000).extensible(1, 16)
                        .fmtBody(extensibleFmtCut()).samples(1).build(),
                        "fmt chunk too small for WAVE_FORMAT_EXTENSIBLE (24 bytes, need 40)"),
                arguments("ext-valid-bits", WavFixture.pcm(16, 1, 16000).extensible(1, 20)
                        .samples(1).build(),
                        "valid bits per sample (20) exceed the container size (16 bits)"),
                arguments("ext-odd-container", WavFixture.pcm(12, 1, 16000).extensible(1, 12)
                        .samples(1).build(), "unsupported PCM sample size: 12 bits"),
                arguments("zero-channels", WavFixture.pcm(16, 0, 16000).blockAlign(2)
                        .samples(1).build(), "zero channels"),
                arguments("zero-rate", WavFixture.pcm(16, 1, 0).samples(1).build(),
                        "sample rate is 0 Hz"),
                arguments("huge-rate", WavFixture.pcm(16, 1, 0x7FFFFFFF).samples(1).build(),
                        "implausible sample rate 2147483647 Hz"),
                arguments("unsigned-huge-rate", WavFixture.pcm(16, 1, -1).samples(1).build(),
                        "implausible sample rate 4294967295 Hz"),
                arguments("zero-bits", WavFixture.pcm(0, 1, 16000).blockAlign(1).samples(1)
                        .build(), "bits per sample is 0"),
                arguments("64-bit-pcm", WavFixture.pcm(64, 1, 16000).data(new byte[16]).build(),
                        "unsupported PCM sample size: 64 bits (supported: 8, 16, 24, 32)"),
                arguments("absurd-bits", WavFixture.pcm(65535, 1, 16000).blockAlign(8)
                        .data(new byte[16]).build(), "unsupported PCM sample size: 65535 bits"),
                arguments("float16", WavFixture.ieeeFloat(16, 1, 16000).data(new byte[4]).build(),
                        "unsupported IEEE float sample size: 16 bits (supported: 32, 64)"),
                arguments("rf64-no-ds64", WavFixture.pcm(16, 1, 16000).magic("RF64")
                        .dataSizeField(0xFFFFFFFFL).samples(1).build(),
                        "RF64 file without a ds64 chunk"),
                arguments("rf64-small-ds64", WavFixture.pcm(16, 1, 16000).magic("RF64")
                        .chunkBeforeFmt("ds64", new byte[8]).samples(1).build(),
                        "ds64 chunk too small (8 bytes, need at least 24)"),
                arguments("many-chunks", manyChunks(WavHeader.MAX_CHUNKS + 5),
                        "more than 10000 chunks before the audio data"));
    }

    private static byte[] extensibleFmtCut() {
        byte[] full = WavFixture.pcm(16, 1, 16000).extensible(1, 16).fmtBody();
        return java.util.Arrays.copyOf(full, 24);
    }

    private static byte[] manyChunks(int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] valid = WavFixture.pcm(16, 1, 16000).samples(1).build();
        out.write(valid, 0, 12);
        ByteBuffer junk = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        junk.put("JUNK".getBytes(StandardCharsets.US_ASCII)).putInt(0);
        for (int i = 0; i < count; i++) {
            out.write(junk.array(), 0, 8);
        }
        out.write(valid, 12, valid.length - 12);
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void everyReadPathReportsTheProblemWithTheFileName(String name, byte[] bytes, String problem)
            throws IOException {
        Path file = dir.resolve(name + ".wav");
        Files.write(file, bytes);

        AudioFileException fromDecode = catchAudio(() -> WavReader.decode(bytes, file));
        AudioFileException fromRead = catchAudio(() -> WavReader.read(file));
        AudioFileException fromStreamedRead = catchAudio(() -> WavReader.readWithLimit(file, 0L));
        AudioFileException fromInfo = catchAudio(() -> WavReader.readInfo(file));
        AudioFileException fromResampledRead = catchAudio(() -> WavReader.read(file, 16000));

        for (AudioFileException e : new AudioFileException[] {
            fromDecode, fromRead, fromStreamedRead, fromInfo, fromResampledRead}) {
            assertThat(e.getMessage()).startsWith(file + ": ").contains(problem);
            assertThat(e.problem()).contains(problem);
            assertThat(e.file()).isEqualTo(file);
            assertThat(e.getCause()).isNull();
        }
    }

    @Test
    void emptyFile() throws IOException {
        Path file = Files.write(dir.resolve("empty.wav"), new byte[0]);
        assertProblem(() -> WavReader.read(file), file, "empty file (0 bytes)");
        assertProblem(() -> WavReader.readInfo(file), file, "empty file (0 bytes)");
        assertProblem(() -> WavReader.decode(new byte[0], file), file, "empty file (0 bytes)");
    }

    @Test
    void folderNamedLikeAWav() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("x.wav"));
        assertProblem(() -> WavReader.read(folder), folder, "is a folder, not a file");
        assertProblem(() -> WavReader.readInfo(folder), folder, "is a folder, not a file");
        assertProblem(() -> WavReader.read(folder, 16000), folder, "is a folder, not a file");
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nope.wav");
        assertProblem(() -> WavReader.read(file), file, "file not found");
        assertProblem(() -> WavReader.readInfo(file), file, "file not found");
        assertProblem(() -> WavReader.read(dir.resolve("no/such/dir/a.wav")),
                dir.resolve("no/such/dir/a.wav"), "file not found");
    }

    @Test
    void unreadableFile() throws IOException {
        Path file = WavFixture.pcm(16, 1, 16000).samples(1).writeTo(dir.resolve("secret.wav"));
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        } catch (UnsupportedOperationException e) {
            assumeFalse(true, "no POSIX permissions here");
        }
        // root (as in CI containers) may read anything; the mapping is tested separately below.
        assumeFalse(Files.isReadable(file), "running with permission to read any file");
        assertProblem(() -> WavReader.read(file), file, "permission denied");
        assertProblem(() -> WavReader.readInfo(file), file, "permission denied");
    }

    @Test
    void openFailuresAreDescribedForUsers() {
        assertThat(FileSource.describeOpenFailure(new AccessDeniedException("/a.wav")))
                .isEqualTo("permission denied (cannot read the file)");
        assertThat(FileSource.describeOpenFailure(new NoSuchFileException("/a.wav")))
                .isEqualTo("file not found");
        assertThat(FileSource.describeOpenFailure(
                new FileSystemException("/a.wav", null, "Too many open files")))
                .isEqualTo("cannot be opened (Too many open files)");
        assertThat(FileSource.describeOpenFailure(new IOException("Input/output error")))
                .isEqualTo("cannot be opened (Input/output error)");
    }

    @Test
    void notARegularFile() {
        Path devNull = Path.of("/dev/null");
        assumeFalse(!Files.exists(devNull) || Files.isRegularFile(devNull));
        assertProblem(() -> WavReader.read(devNull), devNull, "not a regular file");
    }

    @Test
    void decodeWithoutANameStillExplains() {
        assertThatThrownBy(() -> WavReader.decode(new byte[] {1, 2, 3, 4, 5}, null))
                .isInstanceOf(AudioFileException.class)
                .hasMessage("<in-memory audio>: not a WAV file (no RIFF header)");
    }

    @Test
    void hugeClaimsDoNotAllocate() throws IOException {
        // A header claiming ~4 GB of data in a tiny file fails fast on the size check; with
        // -Xmx2g an attempted allocation would be an OutOfMemoryError instead.
        byte[] wav = WavFixture.ieeeFloat(64, 1, 16000).dataSizeField(0xFFFFFFF8L)
                .riffSizeField(0x10).data(new byte[64]).build();
        assertProblem(() -> WavReader.decode(wav, Path.of("huge.wav")), Path.of("huge.wav"),
                "truncated: header says 4294967288 bytes of audio, file has 64");
    }

    private interface AudioCall {
        Object call() throws IOException;
    }

    private static AudioFileException catchAudio(AudioCall call) {
        try {
            Object result = call.call();
            throw new AssertionError("expected AudioFileException, got " + result);
        } catch (AudioFileException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError("expected AudioFileException, got " + e, e);
        }
    }

    private static void assertProblem(AudioCall call, Path file, String problem) {
        AudioFileException e = catchAudio(call);
        assertThat(e.getMessage()).startsWith(file + ": ").contains(problem);
        assertThat(e.file()).isEqualTo(file);
    }
}
