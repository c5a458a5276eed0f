package io.kwsstudio.dataset;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An edit made of file and folder moves: relabel, rename, delete to trash, restore, and the undo of
 * an import are all moves, so undo is the same moves backwards and no file is ever lost.
 */
final class FileMoves implements Edit {
    private final Dataset dataset;
    private final String description;
    private final List<Move> redoMoves;
    private final List<Move> undoMoves;

    FileMoves(Dataset dataset, String description, List<Move> movesAsDone) {
        this(dataset, description, movesAsDone, reversedOf(movesAsDone));
    }

    /** For edits whose first application was not a move (an import): redo and undo given separately. */
    FileMoves(Dataset dataset, String description, List<Move> redoMoves, List<Move> undoMoves) {
        this.dataset = dataset;
        this.description = description;
        this.redoMoves = List.copyOf(redoMoves);
        this.undoMoves = List.copyOf(undoMoves);
    }

    static List<Move> reversedOf(List<Move> moves) {
        List<Move> undo = new ArrayList<>(moves.size());
        for (Move m : moves) {
            undo.add(m.reversed());
        }
        Collections.reverse(undo);
        return undo;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void undo() throws IOException {
        dataset.applyMoves(undoMoves);
    }

    @Override
    public void redo() throws IOException {
        dataset.applyMoves(redoMoves);
    }
}
