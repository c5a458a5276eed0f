package io.kwsstudio.tasks;

import java.util.concurrent.CancellationException;

/**
 * Lets a user stop long work. Core loops call {@link #throwIfCancelled()} between items so a
 * cancelled import or scan stops at a clean point and never leaves a half-written file.
 */
public final class CancellationToken {
    public static final CancellationToken NONE = new CancellationToken();

    private volatile boolean cancelled;

    public void cancel() {
        if (this != NONE) {
            cancelled = true;
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public void throwIfCancelled() {
        if (cancelled) {
            throw new CancellationException("Cancelled by the user");
        }
    }
}
