package io.kwsstudio.runs;

import com.fasterxml.jackson.databind.JsonNode;
import io.kwsstudio.train.TrainConfig;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Ways to show a run's settings: a one-line summary for tables, and every value by name for comparing runs. */
public final class HyperParameters {
    private HyperParameters() {
    }

    /** e.g. {@code adam · lr 0.001/0.0001 · steps 15000+3000 · batch 100 · words 10}. */
    public static String summary(RunConfig cfg) {
        TrainConfig t = cfg.training();
        String rates = t.learningRates().stream().map(HyperParameters::number).collect(Collectors.joining("/"));
        String length = t.epochs() > 0
                ? "epochs " + number(t.epochs())
                : "steps " + t.trainingSteps().stream().map(String::valueOf).collect(Collectors.joining("+"));
        return t.optimizer().jsonName() + " · lr " + rates + " · " + length + " · batch " + t.batchSize() + " · words "
                + cfg.augment().wantedWords().size();
    }

    /**
     * Every setting of a run as {@code section.name -> value} in file order, lists flattened with
     * indexes ({@code model.conv[0].filters}), so two runs can be compared line by line.
     */
    public static Map<String, String> flatten(RunConfig cfg) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", RunJson.parse(cfg.toJson(), "run config"), out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (prefix.isEmpty() && e.getKey().equals("format")) {
                    continue;
                }
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            boolean scalars = true;
            for (JsonNode v : node) {
                scalars &= v.isValueNode();
            }
            if (scalars) {
                StringBuilder sb = new StringBuilder();
                for (JsonNode v : node) {
                    sb.append(sb.length() == 0 ? "" : ", ").append(v.asText());
                }
                out.put(prefix, sb.toString());
            } else {
                for (int i = 0; i < node.size(); i++) {
                    flatten(prefix + "[" + i + "]", node.get(i), out);
                }
            }
        } else {
            out.put(prefix, node.isNull() ? "" : node.asText());
        }
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }
}
