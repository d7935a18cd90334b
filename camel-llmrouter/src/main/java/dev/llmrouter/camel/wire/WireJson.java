package dev.llmrouter.camel.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson configuration of the wire model: unknown response fields are ignored (OpenRouter adds fields
 * often), absent request fields are omitted, and decimals are read exactly so costs keep every digit.
 * <p>
 * Read limits are explicit ({@link #READ_CONSTRAINTS}): a single string (an answer's content) may be as long as
 * Jackson allows, since the size of an answer is bounded before parsing, by the transport's
 * {@code maxResponseSize}. Nesting depth and number length keep Jackson's defaults.
 * <p>
 * The answer records every chat call decodes are read by hand-written readers ({@link AnswerReaders}) that give the
 * same records as Jackson's own, with less work and allocation (see docs/performance.md).
 */
public final class WireJson {

    /** The largest string (in characters) a value may have: no smaller than any body maxResponseSize lets in. */
    public static final int MAX_STRING_LENGTH = Integer.MAX_VALUE;

    /** The read limits of the shared mapper. */
    public static final StreamReadConstraints READ_CONSTRAINTS = StreamReadConstraints.builder()
            .maxStringLength(MAX_STRING_LENGTH)
            .build();

    private static final ObjectMapper MAPPER = builder().addModule(AnswerReaders.module()).build();

    private WireJson() {
    }

    /**
     * The shared mapper's settings, without the hand-written readers of the answer records ({@link AnswerReaders}):
     * what plain Jackson reads, which those readers must match.
     */
    static JsonMapper.Builder builder() {
        return JsonMapper.builder(JsonFactory.builder().streamReadConstraints(READ_CONSTRAINTS).build())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** The shared, thread-safe mapper. Callers must not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
