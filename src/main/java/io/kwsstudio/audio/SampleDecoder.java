package io.kwsstudio.audio;

import java.nio.ByteBuffer;

/**
 * Converts interleaved WAV sample bytes to mono floats in [-1,1]. Works on whole buffers with
 * absolute little-endian reads (no per-sample objects), with a fast path for mono.
 */
final class SampleDecoder {

    private SampleDecoder() {
    }

    /**
     * Decodes {@code frames} frames from {@code in} (little-endian, starting at index 0) into
     * {@code out[off..]}, averaging the channels. Integer PCM is scaled by 2^(bits-1) so the most
     * negative value maps to exactly -1; float samples are clipped to [-1,1] and NaN/infinity
     * become 0 so nothing downstream ever sees a non-finite value.
     */
    static void toMono(ByteBuffer in, int frames, WavFormat format, float[] out, int off) {
        int channels = format.channels();
        switch (format.type()) {
            case U8 -> u8(in, frames, channels, out, off);
            case S16 -> s16(in, frames, channels, out, off);
            case S24 -> s24(in, frames, channels, out, off);
            case S32 -> s32(in, frames, channels, out, off);
            case F32 -> f32(in, frames, channels, out, off);
            case F64 -> f64(in, frames, channels, out, off);
            default -> throw new IllegalStateException("unhandled sample type " + format.type());
        }
    }

    private static void u8(ByteBuffer in, int frames, int channels, float[] out, int off) {
        if (channels == 1) {
            for (int i = 0; i < frames; i++) {
                out[off + i] = ((in.get(i) & 0xFF) - 128) * (1f / 128f);
            }
            return;
        }
        float full = 128f * channels;
        int p = 0;
        for (int i = 0; i < frames; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += (in.get(p++) & 0xFF) - 128;
            }
            // Division (not a rounded reciprocal) keeps |result| <= 1 exactly.
            out[off + i] = sum / full;
        }
    }

    private static void s16(ByteBuffer in, int frames, int channels, float[] out, int off) {
        if (channels == 1) {
            for (int i = 0; i < frames; i++) {
                out[off + i] = in.getShort(2 * i) * (1f / 32768f);
            }
            return;
        }
        float full = 32768f * channels;
        int p = 0;
        for (int i = 0; i < frames; i++) {
            int sum = 0;  // at most 32767 channels fit a block, so this cannot overflow
            for (int c = 0; c < channels; c++) {
                sum += in.getShort(p);
                p += 2;
            }
            out[off + i] = sum / full;
        }
    }

    private static int s24At(ByteBuffer in, int p) {
        // The top byte is read signed, which sign-extends the 24-bit value.
        return (in.get(p) & 0xFF) | (in.get(p + 1) & 0xFF) << 8 | in.get(p + 2) << 16;
    }

    private static void s24(ByteBuffer in, int frames, int channels, float[] out, int off) {
        if (channels == 1) {
            for (int i = 0; i < frames; i++) {
                out[off + i] = s24At(in, 3 * i) * (1f / 8388608f);
            }
            return;
        }
        double full = 8388608.0 * channels;
        int p = 0;
        for (int i = 0; i < frames; i++) {
            long sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += s24At(in, p);
                p += 3;
            }
            out[off + i] = (float) (sum / full);
        }
    }

    private static void s32(ByteBuffer in, int frames, int channels, float[] out, int off) {
        double full = 2147483648.0 * channels;
        int p = 0;
        for (int i = 0; i < frames; i++) {
            long sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += in.getInt(p);
                p += 4;
            }
            out[off + i] = (float) (sum / full);
        }
    }

    private static void f32(ByteBuffer in, int frames, int channels, float[] out, int off) {
        int p = 0;
        for (int i = 0; i < frames; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += clean(in.getFloat(p));
                p += 4;
            }
            out[off + i] = (float) clip(sum / channels);
        }
    }

    private static void f64(ByteBuffer in, int frames, int channels, float[] out, int off) {
        int p = 0;
        for (int i = 0; i < frames; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += clean(in.getDouble(p));
                p += 8;
            }
            out[off + i] = (float) clip(sum / channels);
        }
    }

    /** NaN and infinities are corrupt data, not loud audio: they become silence. */
    private static double clean(double v) {
        return Double.isFinite(v) ? clip(v) : 0.0;
    }

    private static double clip(double v) {
        return v > 1.0 ? 1.0 : (v < -1.0 ? -1.0 : v);
    }
}
