package io.kwsstudio.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One convolution layer: filter count, kernel size in frames (time) by bins (frequency), strides
 * and padding. A kernel size of 0 means "the whole input along that axis", which is how the
 * low-latency conv spans all frames whatever the clip length.
 */
@JsonPropertyOrder({"filters", "time", "frequency", "time_stride", "frequency_stride", "padding"})
public record ConvSpec(
        @JsonProperty("filters") int filters,
        @JsonProperty("time") int time,
        @JsonProperty("frequency") int frequency,
        @JsonProperty("time_stride") int timeStride,
        @JsonProperty("frequency_stride") int frequencyStride,
        @JsonProperty("padding") Padding padding) {

    public ConvSpec {
        if (filters < 1) {
            throw new IllegalArgumentException("a convolution needs at least one filter, got " + filters);
        }
        if (time < 0 || frequency < 0) {
            throw new IllegalArgumentException("kernel sizes must be positive (or 0 for the whole input), got "
                    + time + "x" + frequency);
        }
        if (timeStride < 1 || frequencyStride < 1) {
            throw new IllegalArgumentException("strides must be at least 1, got " + timeStride + "x" + frequencyStride);
        }
        if (padding == null) {
            throw new IllegalArgumentException("choose a padding (same or valid)");
        }
    }

    /** Kernel height for an input of {@code inputTime} frames (resolves 0 = all). */
    int kernelTime(int inputTime) {
        return time == 0 ? inputTime : time;
    }

    /** Kernel width for an input of {@code inputBins} bins (resolves 0 = all). */
    int kernelFrequency(int inputBins) {
        return frequency == 0 ? inputBins : frequency;
    }

    @Override
    public String toString() {
        return filters + " x " + (time == 0 ? "all" : time) + "x" + (frequency == 0 ? "all" : frequency)
                + " stride " + timeStride + "x" + frequencyStride + " " + padding.jsonName();
    }
}
