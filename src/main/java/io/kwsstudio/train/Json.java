package io.kwsstudio.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;

/**
 * The one JSON mapper of the training package. Unknown fields are errors, so a typo in a
 * hand-edited run file is reported instead of silently falling back to a default.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readObject(String json, String what) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(what + " must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON for " + what + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Reads {@code given} on top of {@code defaults}: fields left out keep their default values. */
    static <T> T merge(T defaults, JsonNode given, Class<T> type, String what) {
        ObjectNode merged = MAPPER.valueToTree(defaults);
        merged.setAll((ObjectNode) given);
        try {
            return MAPPER.treeToValue(merged, type);
        } catch (JsonProcessingException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            // Record constructors validate; their messages are the useful part.
            if (root instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("not a valid " + what + ": " + e.getOriginalMessage(), e);
        }
    }
}
