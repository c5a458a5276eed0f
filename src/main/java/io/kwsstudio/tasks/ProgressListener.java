package io.kwsstudio.tasks;

/**
 * Receives progress of long core work (scanning, importing, checking) without the core knowing who
 * listens: the GUI throttles it into a progress bar, the CLI prints it, tests ignore it.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total, message) -> { };

    /** {@code total} is negative when unknown. Called from the working thread, possibly very often. */
    void progress(long done, long total, String message);
}
