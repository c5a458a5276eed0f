package io.kwsstudio.dataset;

import java.nio.file.Path;

/**
 * One audio file of a dataset, as found when indexing: where it is and which split it falls in.
 * What needs decoding (duration, peak level) lives in {@link ClipDetails}, computed lazily.
 */
public record Clip(String label, String fileName, long sizeBytes, long modifiedMillis, Split split) {

    /** {@code label/file.wav}, the form used by the list files and as the clip's key. */
    public String relativePath() {
        return label + "/" + fileName;
    }

    public Path path(Path datasetRoot) {
        return datasetRoot.resolve(label).resolve(fileName);
    }

    /**
     * Duration guessed from the file size for the canonical 16-bit mono layout, shown until the header
     * has been read; exact for files the studio wrote itself.
     */
    public double estimatedSeconds(int sampleRate) {
        return Math.max(0, sizeBytes - 44) / (2.0 * sampleRate);
    }
}
