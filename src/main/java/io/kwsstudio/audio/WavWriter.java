package io.kwsstudio.audio;

import io.kwsstudio.files.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes clips as canonical 16-bit mono PCM WAV files (44-byte header, no extra chunks), the
 * format every tool reads. Samples are clipped to [-1,1], scaled by 32768 and rounded, with +1.0
 * becoming 32767; NaN becomes 0. Reading the result back with {@link WavReader} gives every
 * sample within 1/32768 of the original.
 */
public final class WavWriter {

    static final int HEADER_BYTES = 44;
    // The RIFF size field is 32 bits and counts everything after itself.
    private static final long MAX_DATA_BYTES = 0xFFFFFFFFL - (HEADER_BYTES - 8);
    private static final int FRAMES_PER_WRITE = 16 * 1024;

    private WavWriter() {
    }

    /**
     * The whole WAV file in memory.
     *
     * @throws IllegalArgumentException if the clip is too long for one byte array
     */
    public static byte[] encodePcm16(AudioClip clip) {
        Objects.requireNonNull(clip, "clip");
        long total = HEADER_BYTES + 2L * clip.frames();
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("clip too long to encode in memory: "
                    + clip.frames() + " frames");
        }
        byte[] out = new byte[(int) total];
        header(clip.frames(), clip.sampleRate()).get(out, 0, HEADER_BYTES);
        encodeSamples(clip.samples(), 0, clip.frames(), out, HEADER_BYTES);
        return out;
    }

    /**
     * Writes {@code clip} to {@code file} atomically (see {@link AtomicFiles}): either the complete
     * new file is there afterwards or the old one is untouched. Streams the samples, so long clips
     * need no second copy in memory.
     *
     * @throws IOException if writing fails or the clip is too long for a WAV file (4 GB)
     */
    public static void writePcm16(Path file, AudioClip clip) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(clip, "clip");
        if (2L * clip.frames() > MAX_DATA_BYTES) {
            throw new IOException(file + ": clip too long for a WAV file (" + clip.frames()
                    + " frames is over 4 GB of 16-bit audio)");
        }
        AtomicFiles.write(file, out -> {
            ByteBuffer header = header(clip.frames(), clip.sampleRate());
            out.write(header.array(), 0, HEADER_BYTES);
            float[] samples = clip.samples();
            byte[] buffer = new byte[2 * Math.min(FRAMES_PER_WRITE, samples.length)];
            for (int from = 0; from < samples.length; from += FRAMES_PER_WRITE) {
                int n = Math.min(FRAMES_PER_WRITE, samples.length - from);
                encodeSamples(samples, from, n, buffer, 0);
                out.write(buffer, 0, 2 * n);
            }
        });
    }

    /** {@code count} samples from {@code src[from..]} as 16-bit little-endian PCM at dst[off..]. */
    static void encodeSamples(float[] src, int from, int count, byte[] dst, int off) {
        for (int i = 0; i < count; i++) {
            int v = toPcm16(src[from + i]);
            dst[off + 2 * i] = (byte) v;
            dst[off + 2 * i + 1] = (byte) (v >> 8);
        }
    }

    static int toPcm16(float sample) {
        float scaled = sample * 32768f;
        if (scaled >= 32767f) {
            return 32767;
        }
        if (scaled <= -32768f) {
            return -32768;
        }
        return Math.round(scaled);  // NaN rounds to 0
    }

    private static ByteBuffer header(int frames, int sampleRate) {
        long dataBytes = 2L * frames;
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII));
        b.putInt((int) (HEADER_BYTES - 8 + dataBytes));
        b.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII));
        b.putInt(16);
        b.putShort((short) 1);       // PCM
        b.putShort((short) 1);       // mono
        b.putInt(sampleRate);
        b.putInt((int) (2L * sampleRate));  // byte rate
        b.putShort((short) 2);       // block align
        b.putShort((short) 16);      // bits per sample
        b.put("data".getBytes(StandardCharsets.US_ASCII));
        b.putInt((int) dataBytes);
        b.flip();
        return b;
    }
}
