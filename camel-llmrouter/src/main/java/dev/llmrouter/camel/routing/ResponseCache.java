package dev.llmrouter.camel.routing;

import java.nio.ByteBuffer;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.llmrouter.camel.protocol.Target;
import dev.llmrouter.camel.wire.ChatResponse;

/**
 * An exact-match cache of answers, keyed by the target and the request's bytes as sent (the JSON is written the
 * same way for the same request, so equal requests give equal keys). Only accepted answers are stored.
 */
public final class ResponseCache {

    private final Cache<Key, ChatResponse> cache;

    public ResponseCache(Duration ttl, long maxEntries) {
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).build();
    }

    ChatResponse get(Target target, byte[] body) {
        return cache.getIfPresent(new Key(target.name(), ByteBuffer.wrap(body)));
    }

    void put(Target target, byte[] body, ChatResponse response) {
        cache.put(new Key(target.name(), ByteBuffer.wrap(body)), response);
    }

    private record Key(String target, ByteBuffer body) {
    }
}
