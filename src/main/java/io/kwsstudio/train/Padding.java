package io.kwsstudio.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Convolution padding with TensorFlow's meaning: SAME keeps ceil(size / stride), VALID uses whole windows only. */
public enum Padding {
    SAME, VALID;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static Padding fromJson(String name) {
        for (Padding p : values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown padding \"" + name + "\"; use same or valid");
    }

    /** Output length along one axis for an input of {@code in}, a kernel of {@code k} and a stride. */
    public int outputSize(int in, int k, int stride) {
        return this == SAME ? (in + stride - 1) / stride : (in - k) / stride + 1;
    }

    /** Padding before the first element along one axis; TF puts the odd cell of SAME padding last. */
    static int padBefore(int in, int out, int kernel, int stride, boolean same) {
        return same ? Math.max((out - 1) * stride + kernel - in, 0) / 2 : 0;
    }
}
