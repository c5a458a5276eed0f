package io.kwsstudio.dataset;

import java.util.List;

/**
 * Outcome of an import: the clips written, each file that could not be imported with the reason,
 * how many non-WAV files were passed over in folders, and whether the user cancelled part-way
 * (the clips already written stay, and the whole import is still one undoable edit).
 */
public record ImportResult(List<Clip> imported, List<String> failures, int skippedNonWav, boolean cancelled) {
}
