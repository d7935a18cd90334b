package dev.llmrouter.camel.wire;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The answer of {@code POST /embeddings}; {@code usage} carries the cost. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EmbeddingsResponse(String id, String model, String provider, List<Embedding> data, Usage usage) {

    /** One vector, in input order by {@code index}. */
    public record Embedding(Integer index, float[] embedding) {
    }
}
