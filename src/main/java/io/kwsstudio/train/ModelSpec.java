package io.kwsstudio.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A model architecture: its kind and the hyper-parameters that shape it. Immutable; saved with
 * every run so a checkpoint can always be rebuilt. Which fields a kind uses:
 * <ul>
 *   <li>{@code conv}: the convolution layers, in order (conv: 2; tiny_conv, low_latency_conv and
 *       the DS-CNN's first layer: 1; others none).</li>
 *   <li>{@code hidden}: widths of the fully connected hidden layers (low_latency_conv and
 *       low_latency_svdf only).</li>
 *   <li>{@code dropout}: the fraction of activations dropped in training where the reference
 *       model drops them (after each ReLU of a conv or hidden layer); 0 disables it.</li>
 *   <li>{@code svdf_rank}, {@code svdf_nodes}: the SVDF layer (low_latency_svdf only).</li>
 *   <li>{@code ds_channels}, {@code ds_blocks}, {@code ds_first_stride}: the depthwise-separable
 *       blocks and the stride (both axes) of the first one's depthwise layer (DS-CNN only).</li>
 * </ul>
 * Fields a kind does not use must be empty or 0, so a spec never carries settings that have no effect.
 */
@JsonPropertyOrder({"kind", "conv", "hidden", "dropout", "svdf_rank", "svdf_nodes", "ds_channels", "ds_blocks",
        "ds_first_stride"})
public record ModelSpec(
        @JsonProperty("kind") ModelKind kind,
        @JsonProperty("conv") List<ConvSpec> conv,
        @JsonProperty("hidden") List<Integer> hidden,
        @JsonProperty("dropout") double dropout,
        @JsonProperty("svdf_rank") int svdfRank,
        @JsonProperty("svdf_nodes") int svdfNodes,
        @JsonProperty("ds_channels") int dsChannels,
        @JsonProperty("ds_blocks") int dsBlocks,
        @JsonProperty("ds_first_stride") int dsFirstStride) {

    public ModelSpec {
        if (kind == null) {
            throw new IllegalArgumentException("choose a model kind");
        }
        conv = List.copyOf(conv == null ? List.of() : conv);
        hidden = List.copyOf(hidden == null ? List.of() : hidden);
        int wantConv = switch (kind) {
            case SINGLE_FC, LOW_LATENCY_SVDF -> 0;
            case CONV -> 2;
            case LOW_LATENCY_CONV, TINY_CONV, DS_CNN_S, DS_CNN_M, DS_CNN_L -> 1;
        };
        if (conv.size() != wantConv) {
            throw new IllegalArgumentException(kind.jsonName() + " has " + wantConv + " convolution layer(s), the spec lists "
                    + conv.size());
        }
        boolean usesHidden = kind == ModelKind.LOW_LATENCY_CONV || kind == ModelKind.LOW_LATENCY_SVDF;
        if (!usesHidden && !hidden.isEmpty()) {
            throw new IllegalArgumentException(kind.jsonName() + " has no hidden layers; remove \"hidden\"");
        }
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("a hidden layer needs at least one unit, got " + h);
            }
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout is the fraction dropped, from 0 up to (not including) 1; got " + dropout);
        }
        if (kind == ModelKind.LOW_LATENCY_SVDF) {
            if (svdfRank < 1 || svdfNodes < 1) {
                throw new IllegalArgumentException("the SVDF layer needs rank and nodes of at least 1, got rank " + svdfRank
                        + " and " + svdfNodes + " nodes");
            }
        } else if (svdfRank != 0 || svdfNodes != 0) {
            throw new IllegalArgumentException(kind.jsonName() + " has no SVDF layer; remove svdf_rank and svdf_nodes");
        }
        if (kind.isDsCnn()) {
            if (dsChannels < 1 || dsBlocks < 0 || dsFirstStride < 1) {
                throw new IllegalArgumentException("DS-CNN needs at least 1 channel, 0 or more blocks and a stride of at least 1, got "
                        + dsChannels + " channels, " + dsBlocks + " blocks and stride " + dsFirstStride);
            }
        } else if (dsChannels != 0 || dsBlocks != 0 || dsFirstStride != 0) {
            throw new IllegalArgumentException(kind.jsonName()
                    + " has no depthwise-separable blocks; remove ds_channels, ds_blocks and ds_first_stride");
        }
    }

    /** The reference architecture of each kind (REFERENCE.md), at its published size. */
    public static ModelSpec defaults(ModelKind kind) {
        return switch (kind) {
            case SINGLE_FC -> new ModelSpec(kind, List.of(), List.of(), 0, 0, 0, 0, 0, 0);
            case CONV -> new ModelSpec(kind, List.of(
                    new ConvSpec(64, 20, 8, 1, 1, Padding.SAME),
                    new ConvSpec(64, 10, 4, 1, 1, Padding.SAME)), List.of(), 0.5, 0, 0, 0, 0, 0);
            // The reference uses frequency stride 1 (the paper's cnn-one-fstride4 uses 4).
            case LOW_LATENCY_CONV -> new ModelSpec(kind, List.of(new ConvSpec(186, 0, 8, 1, 1, Padding.VALID)),
                    List.of(128, 128), 0.5, 0, 0, 0, 0, 0);
            case LOW_LATENCY_SVDF -> new ModelSpec(kind, List.of(), List.of(256, 256), 0.5, 2, 1280, 0, 0, 0);
            case TINY_CONV -> new ModelSpec(kind, List.of(new ConvSpec(8, 10, 8, 2, 2, Padding.SAME)), List.of(), 0.5, 0, 0, 0, 0, 0);
            // Hello Edge's configurations (ARM ML-KWS-for-MCU): S strides 2x2 in its first conv; M and L
            // stride 2x1 there and 2x2 in the first block, which is what gives their published op counts.
            // Batch normalisation regularises DS-CNN; it is trained without dropout.
            case DS_CNN_S -> dsCnn(kind, 64, 4, 2, 1);
            case DS_CNN_M -> dsCnn(kind, 172, 4, 1, 2);
            case DS_CNN_L -> dsCnn(kind, 276, 5, 1, 2);
        };
    }

    private static ModelSpec dsCnn(ModelKind kind, int channels, int blocks, int convFrequencyStride, int firstBlockStride) {
        return new ModelSpec(kind, List.of(new ConvSpec(channels, 10, 4, 2, convFrequencyStride, Padding.SAME)), List.of(), 0,
                0, 0, channels, blocks, firstBlockStride);
    }

    public ModelSpec withDropout(double v) {
        return new ModelSpec(kind, conv, hidden, v, svdfRank, svdfNodes, dsChannels, dsBlocks, dsFirstStride);
    }

    public ModelSpec withConv(List<ConvSpec> v) {
        return new ModelSpec(kind, v, hidden, dropout, svdfRank, svdfNodes, dsChannels, dsBlocks, dsFirstStride);
    }

    public ModelSpec withHidden(List<Integer> v) {
        return new ModelSpec(kind, conv, v, dropout, svdfRank, svdfNodes, dsChannels, dsBlocks, dsFirstStride);
    }

    public ModelSpec withSvdf(int rank, int nodes) {
        return new ModelSpec(kind, conv, hidden, dropout, rank, nodes, dsChannels, dsBlocks, dsFirstStride);
    }

    public ModelSpec withDsCnn(int channels, int blocks, int firstStride) {
        return new ModelSpec(kind, conv, hidden, dropout, svdfRank, svdfNodes, channels, blocks, firstStride);
    }

    public String toJson() {
        return Json.write(this);
    }

    /**
     * Parses JSON. {@code kind} is required; other fields left out take that kind's defaults, so
     * {@code {"kind":"conv","dropout":0.2}} is a complete spec. Bad JSON or values: IllegalArgumentException.
     */
    public static ModelSpec fromJson(String json) {
        JsonNode given = Json.readObject(json, "model spec");
        JsonNode kind = given.get("kind");
        if (kind == null || !kind.isTextual()) {
            throw new IllegalArgumentException("a model spec needs a \"kind\", such as \"conv\"");
        }
        return Json.merge(defaults(ModelKind.fromJson(kind.asText())), given, ModelSpec.class, "model spec");
    }
}
