package dev.llmrouter.camel.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Top-level {@code cache_control}: always {@code ephemeral}, with a TTL of {@code 5m} or {@code 1h}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CacheControl(String type, String ttl) {

    public static CacheControl ephemeral(String ttl) {
        return new CacheControl("ephemeral", ttl);
    }
}
