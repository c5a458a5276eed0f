package io.kwsstudio.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads WAV files into {@link AudioClip}s with its own RIFF/WAVE parser (javax.sound rejects many
 * valid files). Every problem is reported as an {@link AudioFileException} whose message names
 * the file and says what is wrong; no other exception escapes for bad input.
 *
 * <p>Supported: integer PCM of 8 (unsigned), 16, 24 and 32 bits (also 12/20-bit samples
 * left-justified in whole bytes), IEEE float of 32 and 64 bits, WAVE_FORMAT_EXTENSIBLE with a PCM
 * or float sub-format, RF64/BW64 files, any channel count (averaged to mono) and any sample rate.
 * Unknown chunks (LIST, bext, fact, ...) are skipped, honouring the pad byte after odd-sized
 * chunks (and tolerating writers that forget it).
 *
 * <p>Leniencies, chosen because real recorders produce such files:
 * <ul>
 *   <li>A data size of 0xFFFFFFFF, 0x7FFFFFFF or 0x7FFFF000 that is larger than the file, or of 0
 *       when the RIFF size was never filled in either, is a streaming recorder's placeholder:
 *       the audio is everything up to the end of the file.</li>
 *   <li>A trailing partial frame (e.g. one odd byte of 16-bit audio) is ignored.</li>
 *   <li>The RIFF size field and the fmt byte rate are ignored (often wrong).</li>
 *   <li>Float samples outside [-1,1] are clipped; NaN and infinities become 0.</li>
 * </ul>
 * Other size problems are errors; in particular a data chunk that claims more bytes than the file
 * holds is reported as truncated rather than silently shortened.
 *
 * <p>Thread-safe (no shared state).
 */
public final class WavReader {

    /** Files up to this size are read with one system call and parsed in memory. */
    static final long IN_MEMORY_LIMIT = 16L << 20;
    /** Larger files are decoded in blocks of about this many bytes. */
    private static final int BLOCK_BYTES = 1 << 20;
    /** The longest float[] the JVM can allocate. */
    static final long MAX_FRAMES = Integer.MAX_VALUE - 8;

    private WavReader() {
    }

    /**
     * What the header of {@code file} says, without decoding audio: reads only the chunk headers
     * and the fmt chunk (usually a single 4 KB read), but validates them as fully as
     * {@link #read} does, so a file that passes here decodes unless it changes in between.
     */
    public static WavInfo readInfo(Path file) throws AudioFileException {
        Objects.requireNonNull(file, "file");
        try (FileSource src = FileSource.open(file)) {
            return guarded(file, () -> WavHeader.parse(src, file).toInfo(file));
        }
    }

    /** The audio of {@code file} at its own sample rate, downmixed to mono. */
    public static AudioClip read(Path file) throws AudioFileException {
        return readWithLimit(file, IN_MEMORY_LIMIT);
    }

    /**
     * The audio of {@code file}, downmixed to mono and resampled to {@code targetRate} Hz (see
     * {@link Resampler}); no resampling if the file already has that rate.
     *
     * @throws IllegalArgumentException if {@code targetRate} is not positive
     */
    public static AudioClip read(Path file, int targetRate) throws AudioFileException {
        if (targetRate <= 0) {
            throw new IllegalArgumentException("target rate must be positive, was " + targetRate);
        }
        AudioClip clip = read(file);
        if (clip.sampleRate() == targetRate) {
            return clip;
        }
        try {
            return Resampler.resample(clip, targetRate);
        } catch (IllegalArgumentException | OutOfMemoryError e) {
            throw new AudioFileException(file, "too long to resample from " + clip.sampleRate()
                    + " Hz to " + targetRate + " Hz in memory", e);
        }
    }

    /**
     * Decodes a whole WAV held in memory with the same parser and rules as {@link #read}.
     *
     * @param nameForMessages used in error messages; may be null for "in-memory audio"
     */
    public static AudioClip decode(byte[] wavBytes, Path nameForMessages)
            throws AudioFileException {
        Objects.requireNonNull(wavBytes, "wavBytes");
        return guarded(nameForMessages,
                () -> decode(new ByteSource.Memory(wavBytes), nameForMessages));
    }

    /** {@link #read(Path)} with a chosen size limit for the one-read path (tests use 0). */
    static AudioClip readWithLimit(Path file, long inMemoryLimit) throws AudioFileException {
        Objects.requireNonNull(file, "file");
        try (FileSource src = FileSource.open(file)) {
            return guarded(file, () -> src.size() <= inMemoryLimit
                    ? decode(new ByteSource.Memory(src.readAll()), file)
                    : decode(src, file));
        }
    }

    private static AudioClip decode(ByteSource src, Path file) throws IOException {
        WavFormat format = WavHeader.parse(src, file);
        long frames = format.frames();
        if (frames > MAX_FRAMES) {
            throw new AudioFileException(file, "too long to load: " + frames
                    + " frames (at most " + MAX_FRAMES + ")");
        }
        float[] samples;
        try {
            samples = new float[(int) frames];
        } catch (OutOfMemoryError e) {
            throw new AudioFileException(file, "too long to load into memory (" + frames
                    + " frames, " + (frames * 4 >> 20) + " MB as float); split it into shorter"
                    + " files", e);
        }
        int align = format.blockAlign();
        int framesPerBlock = Math.max(1, BLOCK_BYTES / align);
        long done = 0;
        while (done < frames) {
            int n = (int) Math.min(framesPerBlock, frames - done);
            ByteBuffer block = src.read(format.dataOffset() + done * align, n * align);
            if (block.remaining() < n * align) {
                throw new AudioFileException(file, "read error (the file got shorter while"
                        + " being read)");
            }
            SampleDecoder.toMono(block, n, format, samples, (int) done);
            done += n;
        }
        return new AudioClip(samples, format.sampleRate());
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws IOException;
    }

    /**
     * Runs a parsing step so that only {@link AudioFileException} escapes: I/O errors get the file
     * name, and a runtime exception (a parser bug) is reported, with its cause, instead of
     * crashing e.g. a dataset import.
     */
    private static <T> T guarded(Path file, Step<T> step) throws AudioFileException {
        try {
            return step.run();
        } catch (AudioFileException e) {
            throw e;
        } catch (IOException e) {
            throw new AudioFileException(file, "read error (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            throw new AudioFileException(file, "could not be decoded (internal error: " + e + ")",
                    e);
        }
    }
}
