package io.kwsstudio.audio;

/**
 * Sound cannot be played: no output device, or it refuses the format. The message is meant for
 * the user, e.g. "No audio output device available (...)".
 */
public class AudioUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public AudioUnavailableException(String message) {
        super(message);
    }

    public AudioUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
