package io.kwsstudio.audio;

import java.nio.file.Path;

/**
 * What a WAV header says, read without decoding the data (see {@link WavReader#readInfo}); used
 * to list and validate large datasets quickly.
 *
 * @param file the file the header came from
 * @param encoding {@code "PCM"} (integer) or {@code "IEEE float"}
 * @param channels channel count as stored (clips are downmixed to mono when read)
 * @param sampleRate samples per second per channel
 * @param bitsPerSample significant bits per sample (for WAVE_FORMAT_EXTENSIBLE the "valid bits",
 *     e.g. 24 for 24-bit audio in 32-bit containers)
 * @param frames number of complete sample frames in the data chunk
 */
public record WavInfo(Path file, String encoding, int channels, int sampleRate, int bitsPerSample,
        long frames) {

    public double durationSeconds() {
        return frames / (double) sampleRate;
    }
}
