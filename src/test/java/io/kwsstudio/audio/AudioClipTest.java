package io.kwsstudio.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AudioClipTest {

    private final AudioClip clip = new AudioClip(new float[] {0.1f, -0.7f, 0.3f, 0.5f}, 4);

    @Test
    void basics() {
        assertThat(clip.frames()).isEqualTo(4);
        assertThat(clip.durationSeconds()).isEqualTo(1.0);
        assertThat(clip.peak()).isEqualTo(0.7f);
        assertThat(new AudioClip(new float[0], 16000).peak()).isZero();
        assertThat(new AudioClip(new float[8000], 16000).durationSeconds()).isEqualTo(0.5);
    }

    @Test
    void sliceCopiesTheRange() {
        AudioClip part = clip.slice(1, 3);
        assertThat(part.samples()).containsExactly(-0.7f, 0.3f);
        assertThat(part.sampleRate()).isEqualTo(4);
        part.samples()[0] = 0f;
        assertThat(clip.samples()[1]).isEqualTo(-0.7f);
        assertThat(clip.slice(2, 2).frames()).isZero();
        assertThatThrownBy(() -> clip.slice(3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> clip.slice(-1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> clip.slice(0, 5)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void equalityIsByValue() {
        AudioClip same = new AudioClip(new float[] {0.1f, -0.7f, 0.3f, 0.5f}, 4);
        assertThat(same).isEqualTo(clip).hasSameHashCodeAs(clip);
        assertThat(new AudioClip(clip.samples(), 8)).isNotEqualTo(clip);
        assertThat(clip.toString()).isEqualTo("AudioClip[4 frames, 4 Hz, 1.000 s]");
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThatThrownBy(() -> new AudioClip(null, 16000))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AudioClip(new float[1], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }

    @Test
    void audioFileExceptionParts() {
        AudioFileException e = new AudioFileException(java.nio.file.Path.of("a", "b.wav"),
                "missing data chunk");
        assertThat(e.getMessage()).isEqualTo("a/b.wav: missing data chunk".replace('/',
                java.io.File.separatorChar));
        assertThat(e.problem()).isEqualTo("missing data chunk");
        assertThat(e.file()).isEqualTo(java.nio.file.Path.of("a", "b.wav"));
    }
}
