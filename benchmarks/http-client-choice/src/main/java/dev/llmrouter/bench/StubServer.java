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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Minimal OpenAI-style stub. Runs in its own JVM so its CPU is not charged to the client under test.
 * Binds 127.0.0.1 only; exits by itself after maxSeconds.
 *
 * args: [port (0 = random)] [portFile] [threads] [maxSeconds]
 */
public final class StubServer {

    static final String BODY = "{\"id\":\"chatcmpl-9x8B7c6D5e4F3g2H1i0J\",\"object\":\"chat.completion\","
            + "\"created\":1731000000,\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"Apache Camel is an open source integration "
            + "framework that lets you define routing and mediation rules in a variety of DSLs. It implements "
            + "the Enterprise Integration Patterns and ships hundreds of components.\",\"refusal\":null},"
            + "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":27,"
            + "\"completion_tokens\":41,\"total_tokens\":68,\"prompt_tokens_details\":{\"cached_tokens\":0},"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":0}},\"system_fingerprint\":\"fp_0123456789\"}";

    static final AtomicLong REQUESTS = new AtomicLong();
    static final AtomicLong UPGRADE_H2C = new AtomicLong();
    static final AtomicLong CONN_CLOSE = new AtomicLong();

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        String portFile = args.length > 1 ? args[1] : null;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int maxSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 900;

        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        server.setExecutor(pool);
        server.createContext("/api/v1/chat/completions", ex -> {
            try (ex) {
                REQUESTS.incrementAndGet();
                String up = ex.getRequestHeaders().getFirst("Upgrade");
                if (up != null && up.toLowerCase().contains("h2c")) {
                    UPGRADE_H2C.incrementAndGet();
                }
                String conn = ex.getRequestHeaders().getFirst("Connection");
                if (conn != null && conn.toLowerCase().contains("close")) {
                    CONN_CLOSE.incrementAndGet();
                }
                drain(ex);
                if (!"POST".equals(ex.getRequestMethod())) {
                    ex.sendResponseHeaders(405, -1);
                    return;
                }
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(body);
                }
            }
        });
        // stats endpoint: requests total, with Upgrade: h2c, with Connection: close
        server.createContext("/stats", ex -> {
            try (ex) {
                drain(ex);
                byte[] s = ("{\"requests\":" + REQUESTS.get() + ",\"upgradeH2c\":" + UPGRADE_H2C.get()
                        + ",\"connectionClose\":" + CONN_CLOSE.get() + "}").getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, s.length);
                ex.getResponseBody().write(s);
            }
        });
        server.start();
        int actual = server.getAddress().getPort();
        System.out.println("stub listening on 127.0.0.1:" + actual + " threads=" + threads);
        if (portFile != null) {
            Path tmp = Path.of(portFile + ".tmp");
            Files.writeString(tmp, Integer.toString(actual));
            Files.move(tmp, Path.of(portFile), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        Thread.sleep(maxSeconds * 1000L); // hard bound on lifetime
        System.out.println("stub: max lifetime reached, requests=" + REQUESTS.get());
        server.stop(0);
        pool.shutdownNow();
        System.exit(0);
    }

    private static void drain(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            in.readAllBytes();
        }
    }
}
