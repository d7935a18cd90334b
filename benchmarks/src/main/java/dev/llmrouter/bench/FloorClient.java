package dev.llmrouter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The floor: the least any client can do. JDK HttpClient (HTTP/1.1, an explicit executor) and Jackson, hand-written:
 * a record serialised per call, the answer read as a tree.
 *
 * <p>Two ways to wait for the answer. {@code callers > 0}: the blocking {@code send} on a fixed pool of that many
 * threads started up front (the floor of the tables). {@code callers == 0}: {@code sendAsync}. On JDK 17 the future
 * that {@code sendAsync} returns always passes through {@code whenCompleteAsync} on the common ForkJoinPool, whatever
 * executor the client has; with 2 CPUs that pool's parallelism is 1, so every call starts a thread. The blocking
 * {@code send} does not take that step.
 */
final class FloorClient implements BenchClient {

    record Message(String role, String content) {
    }

    record Request(String model, List<Message> messages, double temperature, int max_tokens, boolean stream) {
    }

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client;
    private final ExecutorService executor;
    private final URI uri;
    private final URI fallback;
    private final String name;
    private final ExecutorService callers;

    FloorClient(String name, String baseUrl, int callers) {
        this(name, baseUrl, null, callers);
    }

    /** With a fallback: a 5xx from baseUrl sends the same request to fallbackBaseUrl (hand-written failover). */
    FloorClient(String name, String baseUrl, String fallbackBaseUrl, int callers) {
        this.name = name;
        this.callers = callers > 0 ? BenchClient.fixedPool(name + "-caller", callers) : null;
        this.fallback = fallbackBaseUrl == null ? null : URI.create(fallbackBaseUrl + "/chat/completions");
        this.executor = BenchClient.fixedPool("floor", 4);
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.uri = URI.create(baseUrl + "/chat/completions");
    }

    @Override
    public String name() {
        return name;
    }

    HttpRequest request(boolean stream) {
        return request(uri, stream);
    }

    private HttpRequest request(URI to, boolean stream) {
        try {
            byte[] body = MAPPER.writeValueAsBytes(new Request(MODEL,
                    List.of(new Message("system", SYSTEM), new Message("user", PROMPT)), TEMPERATURE, MAX_TOKENS,
                    stream));
            return HttpRequest.newBuilder(to).timeout(Duration.ofSeconds(180))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + API_KEY)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void send(Done done) {
        send(uri, done);
    }

    private void send(URI to, Done done) {
        if (callers != null) {
            callers.execute(() -> {
                HttpResponse<byte[]> response;
                try {
                    response = client.send(request(to, false), HttpResponse.BodyHandlers.ofByteArray());
                } catch (Exception e) {
                    done.done(null, 0, e);
                    return;
                }
                answer(to, response, null, done);
            });
        } else {
            client.sendAsync(request(to, false), HttpResponse.BodyHandlers.ofByteArray())
                    .whenComplete((response, failure) -> answer(to, response, failure, done));
        }
    }

    private void answer(URI to, HttpResponse<byte[]> response, Throwable failure, Done done) {
        if (failure == null && response.statusCode() >= 500 && fallback != null && to != fallback) {
            if (callers == null) {
                send(fallback, done);
                return;
            }
            try { // already on a caller thread: block here for the fallback too
                response = client.send(request(fallback, false), HttpResponse.BodyHandlers.ofByteArray());
            } catch (Exception e) {
                failure = e;
            }
        }
        if (failure != null) {
            done.done(null, 0, failure);
            return;
        }
        try {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            JsonNode tree = MAPPER.readTree(response.body());
            done.done(tree.path("choices").path(0).path("message").path("content").asText(null),
                    tree.path("usage").path("total_tokens").asLong(), null);
        } catch (Exception e) {
            done.done(null, 0, e);
        }
    }

    HttpClient http() {
        return client;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        if (callers != null) {
            callers.shutdownNow();
        }
    }
}
