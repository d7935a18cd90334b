package dev.llmrouter.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A stub OpenAI/OpenRouter chat server for the benchmarks. It runs in its own JVM, so none of its CPU is charged
 * to the client under test, and listens on 127.0.0.1 only.
 *
 * <p>The first path segment picks the behaviour; everything ending in {@code /chat/completions} is a chat call:
 * <ul>
 * <li>{@code /ok/v1/chat/completions}: a canned answer at once;</li>
 * <li>{@code /slow/<ms>/v1/chat/completions}: the same answer after a fixed delay, held without a thread;</li>
 * <li>{@code /down/v1/chat/completions}: 503 with OpenRouter's error body.</li>
 * </ul>
 * A request whose JSON has {@code "stream":true} gets server-sent events instead: the first content delta at once,
 * the other deltas {@code streamGapMs} later, then the usage chunk (with cost) and {@code [DONE]}. The gap makes a
 * client that waits for the whole stream show up in its time to first delta.
 *
 * <p>{@code GET /stats} returns the calls per first segment and the most calls seen in flight at once;
 * {@code POST /stats} resets them.
 *
 * <p>Arguments: {@code portFile threads streamGapMs maxSeconds}. The port is random; it is written to portFile.
 */
public final class StubServer {

    static final String ANSWER = "Apache Camel is an open source integration framework that lets you define routing "
            + "and mediation rules in a variety of domain-specific languages. It implements the Enterprise "
            + "Integration Patterns and ships hundreds of components.";
    static final int PROMPT_TOKENS = 27;
    static final int COMPLETION_TOKENS = 41;
    static final int TOTAL_TOKENS = PROMPT_TOKENS + COMPLETION_TOKENS;
    static final String USAGE = "{\"prompt_tokens\":" + PROMPT_TOKENS + ",\"completion_tokens\":" + COMPLETION_TOKENS
            + ",\"total_tokens\":" + TOTAL_TOKENS + ",\"cost\":0.0000287,\"is_byok\":false,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":0},\"cost_details\":{\"upstream_inference_cost\":null},"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":0}}";

    static final byte[] COMPLETION = ("{\"id\":\"gen-1731000000-AbCdEfGhIjKlMnOpQrSt\",\"provider\":\"OpenAI\","
            + "\"model\":\"openai/gpt-4o-mini\",\"object\":\"chat.completion\",\"created\":1731000000,"
            + "\"choices\":[{\"index\":0,\"logprobs\":null,\"finish_reason\":\"stop\",\"native_finish_reason\":\"stop\","
            + "\"message\":{\"role\":\"assistant\",\"content\":\"" + ANSWER + "\",\"refusal\":null,\"reasoning\":null}}],"
            + "\"usage\":" + USAGE + ",\"system_fingerprint\":\"fp_0123456789\"}").getBytes(StandardCharsets.UTF_8);

    static final byte[] UNAVAILABLE = ("{\"error\":{\"code\":503,\"message\":\"No instances available\","
            + "\"metadata\":{\"provider_name\":\"Stub\"}}}").getBytes(StandardCharsets.UTF_8);

    /** The SSE body, split where the gap goes: [0] is the first delta, [1] the rest. */
    static final byte[][] STREAM = streamParts();

    private static final Map<String, LongAdder> CALLS = new ConcurrentHashMap<>();
    private static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    private static final AtomicInteger MAX_IN_FLIGHT = new AtomicInteger();

    private StubServer() {
    }

    public static void main(String[] args) throws Exception {
        Path portFile = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        long streamGapMs = Long.parseLong(args[2]);
        long maxSeconds = Long.parseLong(args[3]);

        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.createContext("/stats", StubServer::stats);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            byte[] body = readAll(ex);
            if (!path.endsWith("/chat/completions") || !"POST".equals(ex.getRequestMethod())) {
                reply(ex, 404, "text/plain", new byte[0]);
                return;
            }
            String[] segments = path.split("/");
            String mode = segments.length > 1 ? segments[1] : "";
            CALLS.computeIfAbsent(mode, k -> new LongAdder()).increment();
            MAX_IN_FLIGHT.accumulateAndGet(IN_FLIGHT.incrementAndGet(), Math::max);
            boolean stream = indexOf(body, "\"stream\":true".getBytes(StandardCharsets.US_ASCII)) >= 0;
            switch (mode) {
                case "down" -> reply(ex, 503, "application/json", UNAVAILABLE);
                case "slow" -> {
                    long delay = Long.parseLong(segments[2]);
                    timer.schedule(() -> answer(ex, stream, streamGapMs, timer), delay, TimeUnit.MILLISECONDS);
                }
                default -> answer(ex, stream, streamGapMs, timer);
            }
        });
        server.start();
        Path tmp = Path.of(portFile + ".tmp");
        Files.writeString(tmp, Integer.toString(server.getAddress().getPort()));
        Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("stub: listening on 127.0.0.1:" + server.getAddress().getPort());
        // a hard bound on its life, in case the script that started it is killed
        Thread.sleep(maxSeconds * 1000);
        System.out.println("stub: lifetime reached, exiting");
        System.exit(0);
    }

    private static void answer(HttpExchange ex, boolean stream, long gapMs, ScheduledExecutorService timer) {
        if (!stream) {
            reply(ex, 200, "application/json", COMPLETION);
            return;
        }
        try {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write(STREAM[0]);
            out.flush();
            timer.schedule(() -> {
                try (ex) {
                    out.write(STREAM[1]);
                    out.close();
                } catch (IOException e) {
                    // the client went away
                } finally {
                    IN_FLIGHT.decrementAndGet();
                }
            }, gapMs, TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            IN_FLIGHT.decrementAndGet();
            ex.close();
        }
    }

    private static void reply(HttpExchange ex, int status, String type, byte[] body) {
        try (ex) {
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            if (status != 404) {
                IN_FLIGHT.decrementAndGet();
            }
        }
    }

    private static void stats(HttpExchange ex) throws IOException {
        readAll(ex);
        if ("POST".equals(ex.getRequestMethod())) {
            CALLS.clear();
            MAX_IN_FLIGHT.set(IN_FLIGHT.get());
        }
        StringBuilder json = new StringBuilder("{");
        CALLS.forEach((k, v) -> json.append('"').append(k).append("\":").append(v.sum()).append(','));
        json.append("\"inFlight\":").append(IN_FLIGHT.get()).append(",\"maxInFlight\":").append(MAX_IN_FLIGHT.get())
                .append('}');
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        try (ex) {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        }
    }

    private static byte[] readAll(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[][] streamParts() {
        String head = "{\"id\":\"gen-1731000000-StReAmStReAmStReAm\",\"provider\":\"OpenAI\",\"model\":\"openai/gpt-4o-mini\","
                + "\"object\":\"chat.completion.chunk\",\"created\":1731000000,\"choices\":[";
        String[] words = ANSWER.split("(?<= )");
        StringBuilder first = new StringBuilder(": OPENROUTER PROCESSING\n\n");
        StringBuilder rest = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            String delta = i == 0 ? "{\"role\":\"assistant\",\"content\":\"" + words[i] + "\"}"
                    : "{\"content\":\"" + words[i] + "\"}";
            (i == 0 ? first : rest).append("data: ").append(head).append("{\"index\":0,\"delta\":").append(delta)
                    .append(",\"finish_reason\":null,\"native_finish_reason\":null,\"logprobs\":null}]}\n\n");
        }
        rest.append("data: ").append(head).append("{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"stop\","
                + "\"native_finish_reason\":\"stop\",\"logprobs\":null}]}\n\n");
        rest.append("data: ").append(head).append("],\"usage\":").append(USAGE).append("}\n\n");
        rest.append("data: [DONE]\n\n");
        return new byte[][] {first.toString().getBytes(StandardCharsets.UTF_8),
                rest.toString().getBytes(StandardCharsets.UTF_8)};
    }
}
