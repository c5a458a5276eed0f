package io.kwsstudio.dataset;

import java.time.Instant;

/**
 * Something in the dataset's trash: a clip or a whole label folder, where it came from, and when it
 * was deleted. {@code trashPath} is relative to the dataset root.
 */
public record TrashEntry(String trashPath, String originalPath, boolean folder, Instant deletedAt) {
}
