package io.kwsstudio.dataset;

/** One file or folder move inside a dataset, both paths relative to its root with '/' separators. */
public record Move(String from, String to) {
    public Move reversed() {
        return new Move(to, from);
    }
}
