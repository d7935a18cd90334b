package dev.llmrouter.camel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server that answers every request with the same pre-encoded bytes. WireMock re-processes a
 * multi-megabyte body on every response (64 x 5 MiB take it 10-25 s on two CPUs); this one only copies bytes,
 * so the huge-answer case measures the client, not the test server.
 */
final class BulkServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;
    private final AtomicInteger requests = new AtomicInteger();

    BulkServer(String contentType, byte[] body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        threads = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "bulk-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException clientGone) {
                // the client gave up
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
    }

    int requests() {
        return requests.get();
    }

    void reset() {
        requests.set(0);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
