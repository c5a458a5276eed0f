package io.kwsstudio.dataset;

import java.io.IOException;

/** A change to a dataset that has been done and can be undone and redone. */
public interface Edit {
    /** In the user's words, e.g. "Relabel 3 clips to yes"; shown in the Undo menu item. */
    String description();

    void undo() throws IOException;

    void redo() throws IOException;
}
