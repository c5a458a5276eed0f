package io.kwsstudio.stream;

/** A keyword found in a stream: its label, the time of the window that triggered it, and its averaged score. */
public record Detection(String label, long timeMs, float score) {
}
