package io.kwsstudio.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A hyper-parameter sweep: variations of a base config, either every combination of listed values
 * (grid) or random draws from ranges (random search). Parameters are paths in config.json, such as
 * {@code /training/batch_size} or {@code /model/conv/0/filters}; a single value given for a list
 * setting (learning rates, steps, hidden units) sets every entry of it. Each trial becomes a normal
 * run tagged {@code sweep:<id>}, so the runs view can rank them.
 */
public final class Sweep {
    /** Values to try for one setting (grid search). */
    public record Values(String path, List<String> values) {
        public Values {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("give at least one value for " + path);
            }
        }
    }

    /** A range to draw from (random search); {@code log} draws uniformly in log space, {@code integer} rounds. */
    public record Range(String path, double min, double max, boolean log, boolean integer) {
        public Range {
            if (!(min <= max) || (log && min <= 0)) {
                throw new IllegalArgumentException(path + ": the range needs min <= max" + (log ? " and min > 0 for a log scale" : ""));
            }
        }
    }

    /** One run of the sweep. */
    public record Trial(String name, RunConfig config) {
    }

    private Sweep() {
    }

    /** A new sweep id, e.g. {@code sweep:20261124-0012}. */
    public static String newTag() {
        return "sweep:" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }

    /** Every combination of the values, first parameter varying slowest. */
    public static List<Trial> grid(RunConfig base, List<Values> parameters) {
        List<Trial> out = new ArrayList<>();
        int total = 1;
        for (Values v : parameters) {
            total = Math.multiplyExact(total, v.values().size());
        }
        if (total > 1000) {
            throw new IllegalArgumentException("that grid has " + total + " runs; keep it to 1000 or use random search");
        }
        for (int i = 0; i < total; i++) {
            ObjectNode json = (ObjectNode) RunJson.parse(base.toJson(), "config");
            List<String> parts = new ArrayList<>();
            int rest = i;
            String[] chosen = new String[parameters.size()];
            for (int p = parameters.size() - 1; p >= 0; p--) {
                Values v = parameters.get(p);
                chosen[p] = v.values().get(rest % v.values().size());
                rest /= v.values().size();
                parts.add(0, shortName(v.path()) + "=" + chosen[p]);
            }
            // The model kind first: it replaces the whole model section that other settings may change.
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < parameters.size(); p++) {
                    if (parameters.get(p).path().equals("/model/kind") == (pass == 0)) {
                        set(json, parameters.get(p).path(), chosen[p]);
                    }
                }
            }
            out.add(new Trial(String.join(" ", parts), parse(json)));
        }
        return out;
    }

    /** {@code trials} random draws, reproducible for a seed. */
    public static List<Trial> random(RunConfig base, List<Range> ranges, int trials, long seed) {
        if (trials < 1 || trials > 1000) {
            throw new IllegalArgumentException("random search needs 1 to 1000 trials, got " + trials);
        }
        Random rnd = new Random(seed);
        List<Trial> out = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            ObjectNode json = (ObjectNode) RunJson.parse(base.toJson(), "config");
            List<String> parts = new ArrayList<>();
            for (Range r : ranges) {
                double u = rnd.nextDouble();
                double x = r.log() ? Math.exp(Math.log(r.min()) + u * (Math.log(r.max()) - Math.log(r.min())))
                        : r.min() + u * (r.max() - r.min());
                String value = r.integer() ? String.valueOf(Math.round(x)) : String.format(Locale.ROOT, "%.3g", x);
                set(json, r.path(), value);
                parts.add(shortName(r.path()) + "=" + value);
            }
            out.add(new Trial(String.join(" ", parts), parse(json)));
        }
        return out;
    }

    /** Sets the value at {@code path}; numbers and booleans are stored as such, a scalar fills a whole list. */
    static void set(ObjectNode root, String path, String value) {
        int slash = path.lastIndexOf('/');
        JsonNode parent = root.at(path.substring(0, slash));
        String key = path.substring(slash + 1);
        if (parent instanceof ArrayNode list && key.matches("\\d+") && Integer.parseInt(key) < list.size()) {
            list.set(Integer.parseInt(key), scalar(value.trim()));
            return;
        }
        if (!(parent instanceof ObjectNode obj) || !obj.has(key)) {
            throw new IllegalArgumentException("this config has no setting " + path);
        }
        if (path.equals("/model/kind")) {
            // A new architecture starts from its own published shape; the old one's layers would not fit it.
            JsonNode spec = RunJson.parse(io.kwsstudio.train.ModelSpec.defaults(io.kwsstudio.train.ModelKind.fromJson(value.trim()))
                    .toJson(), "model");
            root.set("model", spec);
            return;
        }
        JsonNode current = obj.get(key);
        JsonNode v = scalar(value.trim());
        if (current.isArray() && !v.isArray()) {
            ArrayNode a = obj.putArray(key);
            for (int i = 0; i < Math.max(1, current.size()); i++) {
                a.add(v);
            }
        } else {
            obj.set(key, v);
        }
    }

    private static JsonNode scalar(String value) {
        try {
            JsonNode n = RunJson.MAPPER.readTree(value);
            if (n != null && (n.isNumber() || n.isBoolean() || n.isArray())) {
                return n;
            }
        } catch (Exception notJson) {
            // a plain word such as "adam"
        }
        return RunJson.MAPPER.getNodeFactory().textNode(value);
    }

    private static RunConfig parse(ObjectNode json) {
        return RunConfig.fromJson(json.toString());
    }

    /** {@code /training/learning_rates} -> {@code learning_rates}; {@code /model/conv/0/filters} -> {@code conv0.filters}. */
    static String shortName(String path) {
        String[] p = path.substring(1).split("/");
        if (p.length == 3 && p[2].matches("\\d+")) {
            return p[1] + p[2];
        }
        if (p.length >= 4 && p[2].matches("\\d+")) {
            return p[1] + p[2] + "." + p[3];
        }
        return p[p.length - 1];
    }
}
