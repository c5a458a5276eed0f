package io.kwsstudio.dataset;

import java.util.List;

/** What an operation changed in the index, so views can update without re-reading the dataset. */
public record DatasetChange(List<Clip> removed, List<Clip> added, boolean labelsChanged) {
    public boolean isEmpty() {
        return removed.isEmpty() && added.isEmpty() && !labelsChanged;
    }
}
