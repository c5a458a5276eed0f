package io.kwsstudio.dataset;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Undo and redo stacks of a dataset's edits. Not limited in depth: edits are tiny (file moves). */
public final class EditHistory {
    private final Deque<Edit> undo = new ArrayDeque<>();
    private final Deque<Edit> redo = new ArrayDeque<>();

    synchronized void done(Edit edit) {
        undo.push(edit);
        redo.clear();
    }

    public synchronized boolean canUndo() {
        return !undo.isEmpty();
    }

    public synchronized boolean canRedo() {
        return !redo.isEmpty();
    }

    public synchronized Optional<String> nextUndo() {
        return Optional.ofNullable(undo.peek()).map(Edit::description);
    }

    public synchronized Optional<String> nextRedo() {
        return Optional.ofNullable(redo.peek()).map(Edit::description);
    }

    /** Undoes the latest edit; returns its description, or empty when there is nothing to undo. */
    synchronized Optional<String> undo() throws IOException {
        Edit edit = undo.peek();
        if (edit == null) {
            return Optional.empty();
        }
        edit.undo();
        undo.pop();
        redo.push(edit);
        return Optional.of(edit.description());
    }

    synchronized Optional<String> redo() throws IOException {
        Edit edit = redo.peek();
        if (edit == null) {
            return Optional.empty();
        }
        edit.redo();
        redo.pop();
        undo.push(edit);
        return Optional.of(edit.description());
    }
}
