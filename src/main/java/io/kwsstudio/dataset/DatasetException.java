package io.kwsstudio.dataset;

import java.io.IOException;
import java.nio.file.Path;

/** A dataset operation that could not be done; the message names the file or folder and the problem. */
public class DatasetException extends IOException {
    private final transient Path path;

    public DatasetException(Path path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    public DatasetException(Path path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
