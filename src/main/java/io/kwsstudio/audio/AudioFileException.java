package io.kwsstudio.audio;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that cannot be read as audio; {@link #getMessage()} is {@code "<file>: <problem>"} so it
 * can be shown to the user or logged as is, and {@link #problem()} is the part without the file
 * name, for tables that already have a file column.
 */
public class AudioFileException extends IOException {

    private static final long serialVersionUID = 1L;

    // Path is not Serializable; the message keeps the name for serialized copies.
    private final transient Path file;
    private final String problem;

    /** @param file the file, or null for audio that came from memory without a name */
    public AudioFileException(Path file, String problem) {
        this(file, problem, null);
    }

    /** @param file the file, or null for audio that came from memory without a name */
    public AudioFileException(Path file, String problem, Throwable cause) {
        super((file == null ? "<in-memory audio>" : file.toString()) + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file that could not be read; null if the audio came from memory without a name. */
    public Path file() {
        return file;
    }

    /** What is wrong, without the file name, e.g. {@code "missing data chunk"}. */
    public String problem() {
        return problem;
    }
}
