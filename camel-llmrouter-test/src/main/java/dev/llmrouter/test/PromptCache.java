package dev.llmrouter.test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The emulator's prompt cache, as providers with explicit caching run theirs: a request marks breakpoints with
 * {@code cache_control} (on a message, on one of its content parts, or at the top level for the whole prompt); the
 * prefix up to each breakpoint is written to the cache of the serving model and provider; a later request whose
 * messages start with a written prefix reads those tokens from the cache. Prefixes are compared by role, text,
 * tool calls and tool call id, so moving a breakpoint does not change a prefix. Entries live five minutes from
 * their last use, or an hour when the breakpoint asks for {@code ttl: "1h"}. Reads are billed at a tenth of the
 * prompt price and writes at 1.25 times it (see {@link EmulatorProvider#cacheReadPrice()}).
 */
final class PromptCache {

    static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    static final Duration LONG_TTL = Duration.ofHours(1);

    /** What one request reads from and writes to the cache, in prompt tokens. */
    record Use(int readTokens, int writeTokens) {
        static final Use NONE = new Use(0, 0);
    }

    /** Prefix digest to expiry, in {@link System#nanoTime()} units. */
    private final Map<String, Long> entries = new ConcurrentHashMap<>();

    /**
     * Looks the request's messages up and writes its breakpoints' prefixes.
     *
     * @param scope    model and provider serving the request (caches are per endpoint)
     * @param request  the request
     * @return the tokens read from the cache (the longest cached prefix) and written to it (from there up to the
     *         last breakpoint); {@link Use#NONE} when the request marks no breakpoint
     */
    Use use(String scope, JsonNode request) {
        JsonNode messages = request.path("messages");
        int n = messages.size();
        Duration ttl = ttl(request.get("cache_control"));
        List<Integer> breakpoints = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Duration marked = marked(messages.get(i));
            if (marked != null) {
                breakpoints.add(i + 1);
                ttl = max(ttl, marked);
            }
        }
        if (request.hasNonNull("cache_control") && n > 0 && !breakpoints.contains(n)) {
            breakpoints.add(n);
        }
        if (breakpoints.isEmpty()) {
            return Use.NONE;
        }
        long now = System.nanoTime();
        String[] digests = new String[n + 1];
        int[] tokens = new int[n + 1];
        digests[0] = scope + "|" + request.path("tools");
        for (int i = 0; i < n; i++) {
            digests[i + 1] = digest(digests[i], messages.get(i));
            tokens[i + 1] = tokens[i] + TokenEstimator.messageTokens(messages.get(i));
        }
        int read = 0;
        for (int i = n; i > 0; i--) {
            Long expiry = entries.get(digests[i]);
            if (expiry != null && expiry - now > 0) {
                read = i;
                break;
            }
        }
        int last = breakpoints.get(breakpoints.size() - 1);
        long expiry = now + ttl.toNanos();
        for (int b : breakpoints) {
            entries.merge(digests[b], expiry, Math::max);
        }
        if (read > 0) {
            entries.merge(digests[read], expiry, Math::max);
        }
        return new Use(tokens[read], last > read ? tokens[last] - tokens[read] : 0);
    }

    void clear() {
        entries.clear();
    }

    /** The TTL a message's own or its parts' {@code cache_control} asks for, or null when it marks none. */
    private static Duration marked(JsonNode message) {
        Duration ttl = ttl(message.get("cache_control"));
        JsonNode content = message.get("content");
        if (content != null && content.isArray()) {
            for (JsonNode part : content) {
                ttl = max(ttl, ttl(part.get("cache_control")));
            }
        }
        return ttl;
    }

    private static Duration ttl(JsonNode cacheControl) {
        if (cacheControl == null || !cacheControl.isObject()) {
            return null;
        }
        return "1h".equals(cacheControl.path("ttl").asText()) ? LONG_TTL : DEFAULT_TTL;
    }

    private static Duration max(Duration a, Duration b) {
        return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
    }

    private static String digest(String previous, JsonNode message) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previous.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(message.path("role").asText().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(TokenEstimator.text(message.get("content")).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(message.path("tool_calls").toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(message.path("tool_call_id").asText().getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
