package io.kwsstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kwsstudio.features.FeatureConfig;
import io.kwsstudio.train.ModelKind;
import io.kwsstudio.train.ModelSpec;
import io.kwsstudio.train.ModelSummary;
import io.kwsstudio.train.ModelZoo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code models}: the zoo with each model's cost for an input shape, before any training. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the zoo models with parameter count, multiplies per inference and memory (flash for float32 "
                + "and int8 weights, peak activations) for the input shape of the feature settings.")
final class ModelsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = "--labels", defaultValue = "12", description = "Output labels, silence and unknown included (default: ${DEFAULT-VALUE}).")
    int labels;
    @Option(names = "--config", paramLabel = "features.json", description = "Feature settings (default: the reference's, 98x40 MFCC).")
    Path config;
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (labels < 2) {
            throw new IllegalArgumentException("a model needs at least 2 labels, got " + labels);
        }
        FeatureConfig f = FeatureConfig.defaults();
        if (config != null) {
            try {
                f = FeatureConfig.fromJson(Files.readString(config));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(config + ": " + e.getMessage(), e);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper m = new ObjectMapper();
        ArrayNode a = m.createArrayNode();
        if (!json) {
            out.printf("input %dx%d (frames x bins), %d labels%n%-18s %11s %14s %11s %11s %12s%n", f.frames(), f.bins(), labels,
                    "model", "parameters", "multiplies", "flash f32", "flash int8", "activations");
        }
        for (ModelKind k : ModelKind.values()) {
            ModelSummary s = ModelZoo.summarize(ModelSpec.defaults(k), f.frames(), f.bins(), labels);
            if (json) {
                ObjectNode o = a.addObject();
                o.put("model", k.jsonName());
                o.put("parameters", s.parameters());
                o.put("multiplies", s.multiplies());
                o.put("flash_bytes_float32", s.flashBytesFloat32());
                o.put("flash_bytes_int8", s.flashBytesInt8());
                o.put("activation_bytes", s.activationBytes());
            } else {
                out.printf(Locale.ROOT, "%-18s %,11d %,14d %11s %11s %12s%n", k.jsonName(), s.parameters(), s.multiplies(),
                        bytes(s.flashBytesFloat32()), bytes(s.flashBytesInt8()), bytes(s.activationBytes()));
            }
        }
        if (json) {
            out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(a));
        }
        out.flush();
        return 0;
    }

    static String bytes(long b) {
        if (b >= 1 << 20) {
            return String.format(Locale.ROOT, "%.1f MB", b / 1048576.0);
        }
        return String.format(Locale.ROOT, "%.1f KB", b / 1024.0);
    }
}
