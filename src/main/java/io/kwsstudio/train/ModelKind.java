package io.kwsstudio.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The model architectures of the zoo; JSON names follow the reference trainer's {@code --model_architecture}. */
public enum ModelKind {
    /** One fully connected layer from the flattened features to the labels. */
    SINGLE_FC("single_fc"),
    /** The reference default (cnn-trad-fpool3): two convolutions with a max-pool between them. */
    CONV("conv"),
    /** One convolution spanning all frames (cnn-one-fstride), then two hidden layers. */
    LOW_LATENCY_CONV("low_latency_conv"),
    /** Rank-constrained SVDF layer (feature filters then time filters), then two hidden layers. */
    LOW_LATENCY_SVDF("low_latency_svdf"),
    /** One strided convolution: the reference's model for microcontrollers. */
    TINY_CONV("tiny_conv"),
    /** Depthwise-separable CNN of Hello Edge, small. */
    DS_CNN_S("ds_cnn_s"),
    /** Depthwise-separable CNN of Hello Edge, medium. */
    DS_CNN_M("ds_cnn_m"),
    /** Depthwise-separable CNN of Hello Edge, large. */
    DS_CNN_L("ds_cnn_l");

    private final String jsonName;

    ModelKind(String jsonName) {
        this.jsonName = jsonName;
    }

    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    @JsonCreator
    public static ModelKind fromJson(String name) {
        for (ModelKind k : values()) {
            if (k.jsonName.equalsIgnoreCase(name) || k.name().equalsIgnoreCase(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown model \"" + name
                + "\"; use single_fc, conv, low_latency_conv, low_latency_svdf, tiny_conv, ds_cnn_s, ds_cnn_m or ds_cnn_l");
    }

    /** True for the depthwise-separable family, which uses batch normalisation. */
    public boolean isDsCnn() {
        return this == DS_CNN_S || this == DS_CNN_M || this == DS_CNN_L;
    }

    @Override
    public String toString() {
        return switch (this) {
            case SINGLE_FC -> "Single fully connected";
            case CONV -> "Conv (reference default)";
            case LOW_LATENCY_CONV -> "Low-latency conv";
            case LOW_LATENCY_SVDF -> "Low-latency SVDF";
            case TINY_CONV -> "Tiny conv";
            case DS_CNN_S -> "DS-CNN small";
            case DS_CNN_M -> "DS-CNN medium";
            case DS_CNN_L -> "DS-CNN large";
        };
    }
}
