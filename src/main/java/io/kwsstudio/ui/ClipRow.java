package io.kwsstudio.ui;

import io.kwsstudio.dataset.Clip;
import io.kwsstudio.dataset.ClipDetails;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** A clip as a table row: the clip itself plus its details, which arrive later from the background. */
public final class ClipRow {
    private final Clip clip;
    private final ObjectProperty<ClipDetails> details = new SimpleObjectProperty<>();

    public ClipRow(Clip clip, ClipDetails known) {
        this.clip = clip;
        this.details.set(known);
    }

    public Clip clip() {
        return clip;
    }

    public ObjectProperty<ClipDetails> detailsProperty() {
        return details;
    }

    public ClipDetails details() {
        return details.get();
    }

    @Override
    public String toString() {
        return clip.relativePath();
    }
}
