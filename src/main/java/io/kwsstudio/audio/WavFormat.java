package io.kwsstudio.audio;

import java.nio.file.Path;

/**
 * Everything the reader needs from a parsed WAV header: how samples are stored and where the
 * audio bytes are.
 *
 * @param dataBytes usable audio bytes from {@code dataOffset} (a trailing partial frame included)
 */
record WavFormat(SampleType type, int channels, int sampleRate, int significantBits,
        int blockAlign, long dataOffset, long dataBytes) {

    /** How one sample of one channel is stored. */
    enum SampleType {
        U8(1, "PCM"), S16(2, "PCM"), S24(3, "PCM"), S32(4, "PCM"),
        F32(4, "IEEE float"), F64(8, "IEEE float");

        final int bytes;
        final String encoding;

        SampleType(int bytes, String encoding) {
            this.bytes = bytes;
            this.encoding = encoding;
        }
    }

    /** Complete frames; a partial frame at the end is ignored. */
    long frames() {
        return dataBytes / blockAlign;
    }

    WavInfo toInfo(Path file) {
        return new WavInfo(file, type.encoding, channels, sampleRate, significantBits, frames());
    }
}
