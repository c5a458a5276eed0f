package io.kwsstudio.ui;

/**
 * A label in the browser's list: its clip count, its share of the largest label (for the balance
 * bar) and the key that relabels the selected clips to it. {@code name} is null for "All clips".
 */
public record LabelRow(String name, int clips, double relativeSize, String key) {
    public boolean isAll() {
        return name == null;
    }
}
