package io.kwsstudio.dataset;

/** Which set a clip belongs to when training: decided by {@link SplitRule}. */
public enum Split {
    TRAINING("training"), VALIDATION("validation"), TESTING("testing");

    private final String displayName;

    Split(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
