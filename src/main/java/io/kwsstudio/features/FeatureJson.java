package io.kwsstudio.features;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the features package; ObjectMapper is thread-safe once configured. */
final class FeatureJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            // "sample_rate": 16000.5 must be an error, not a silently truncated 16000.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private FeatureJson() {
    }
}
