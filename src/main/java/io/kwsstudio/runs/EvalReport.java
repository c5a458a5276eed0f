package io.kwsstudio.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kwsstudio.train.Evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code eval.json}: the final scores of a run's best checkpoint on validation and (when the dataset
 * has one) the test split, with confusion matrices ({@code confusion[truth][predicted]}).
 */
public record EvalReport(int bestStep, Evaluation validation, Evaluation test) {
    static final String FILE = "eval.json";

    public String toJson() {
        ObjectNode o = RunJson.MAPPER.createObjectNode();
        o.put("best_step", bestStep);
        o.set("validation", validation == null ? null : toNode(validation));
        o.set("test", test == null ? null : toNode(test));
        return RunJson.write(o);
    }

    public static EvalReport fromJson(String json) {
        JsonNode o = RunJson.parse(json, "eval.json");
        return new EvalReport(o.path("best_step").asInt(), fromNode(o.get("validation")), fromNode(o.get("test")));
    }

    /** One evaluation as JSON: accuracy, loss, labels, confusion matrix and per-label precision, recall and F1. */
    public static ObjectNode toNode(Evaluation e) {
        ObjectNode o = RunJson.MAPPER.createObjectNode();
        o.put("examples", e.count());
        o.put("accuracy", e.accuracy());
        if (Double.isFinite(e.loss())) {
            o.put("loss", e.loss());
        } else {
            o.putNull("loss");
        }
        o.put("macro_f1", e.macroF1());
        ArrayNode labels = o.putArray("labels");
        e.labels().forEach(labels::add);
        ArrayNode confusion = o.putArray("confusion");
        for (int[] row : e.confusion()) {
            ArrayNode r = confusion.addArray();
            for (int v : row) {
                r.add(v);
            }
        }
        putArray(o, "precision", e.precision());
        putArray(o, "recall", e.recall());
        putArray(o, "f1", e.f1());
        return o;
    }

    static Evaluation fromNode(JsonNode o) {
        if (o == null || o.isNull()) {
            return null;
        }
        List<String> labels = new ArrayList<>();
        o.path("labels").forEach(l -> labels.add(l.asText()));
        int k = labels.size();
        int[][] confusion = new int[k][k];
        JsonNode rows = o.path("confusion");
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                confusion[i][j] = rows.path(i).path(j).asInt();
            }
        }
        double loss = o.path("loss").isNumber() ? o.path("loss").asDouble() : Double.NaN;
        return new Evaluation(loss, o.path("accuracy").asDouble(), confusion, doubles(o.path("precision"), k),
                doubles(o.path("recall"), k), doubles(o.path("f1"), k), labels);
    }

    private static void putArray(ObjectNode o, String field, double[] values) {
        ArrayNode a = o.putArray(field);
        for (double v : values) {
            a.add(v);
        }
    }

    private static double[] doubles(JsonNode a, int k) {
        double[] out = new double[k];
        for (int i = 0; i < k; i++) {
            out[i] = a.path(i).asDouble();
        }
        return out;
    }
}
