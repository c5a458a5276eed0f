package io.kwsstudio.runs;

import java.util.Locale;

/** Where a run stands. Only {@link #RUNNING} is written while training; a dead process's run reads as {@link #INTERRUPTED}. */
public enum RunStatus {
    /** Training in a live process. */
    RUNNING,
    /** Its process died while training (crash, power loss, kill); resumable from the last checkpoint. */
    INTERRUPTED,
    /** Stopped by the user after a whole step; resumable. */
    CANCELLED,
    /** All steps done. */
    COMPLETED,
    /** Validation stopped improving. */
    EARLY_STOPPED,
    /** Stopped with an error, such as a diverged loss; the message says why. */
    FAILED;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus fromJson(String s) {
        for (RunStatus v : values()) {
            if (v.jsonName().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown run status \"" + s + "\"");
    }

    /** Whether training can continue from the last checkpoint. */
    public boolean resumable() {
        return this == INTERRUPTED || this == CANCELLED;
    }

    /** Whether training ended normally, so the best checkpoint was scored on the test set. */
    public boolean finished() {
        return this == COMPLETED || this == EARLY_STOPPED;
    }
}
