package dev.llmrouter.camel.transport;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.llmrouter.camel.error.ConnectionFailedException;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.error.MalformedResponseException;
import dev.llmrouter.camel.error.RequestTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamingTransportTest {

    private static final String PATH = "/api/v1/chat/completions";
    private static final String SSE_BODY = ": OPENROUTER PROCESSING\n\n"
            + "data: {\"a\":1}\n\n"
            + ": OPENROUTER PROCESSING\n\n"
            + "data: {\"b\":2}\ndata: {\"c\":3}\n\n"
            + "data: [DONE]\n\n";
    private static final List<String> SSE_EVENTS = List.of(
            "open 200 text/event-stream", "data {\"a\":1}", "data {\"b\":2}\n{\"c\":3}", "done");

    private static WireMockServer wm;

    private ExecutorService executor;
    private AsyncHttpTransport transport;
    private RawServer raw;

    @BeforeAll
    static void startWireMock() {
        wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(100));
        wm.start();
    }

    @AfterAll
    static void stopWireMock() {
        wm.stop();
    }

    @BeforeEach
    void setUp() {
        wm.resetAll();
        executor = Executors.newFixedThreadPool(2);
        transport = new AsyncHttpTransport(
                new HttpSettings(64, 1, Duration.ofSeconds(2), Duration.ofSeconds(5), null, 0, null), executor);
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            awaitNoLeases();
        } finally {
            transport.close();
            executor.shutdownNow();
            if (raw != null) {
                raw.close();
            }
        }
    }

    private void awaitNoLeases() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (transport.leasedConnections() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, transport.leasedConnections(), "leased connections");
    }

    private static HttpCall call(String base, Duration timeout) {
        return new HttpCall("POST", URI.create(base + PATH),
                Map.of("Authorization", "Bearer sk-test", "Accept", "application/json"),
                "{\"stream\":true}".getBytes(StandardCharsets.UTF_8), timeout);
    }

    private HttpCall wmCall() {
        return call(wm.baseUrl(), null);
    }

    @Test
    void streamWithCommentsAndDone() throws Exception {
        wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream; charset=utf-8").withBody(SSE_BODY)));
        Recorder r = new Recorder();
        transport.stream(wmCall(), r);
        r.await();
        assertEquals(SSE_EVENTS, r.events());
        assertEquals("text/event-stream; charset=utf-8", r.head.header("content-type"));
        assertEquals(0, r.head.body().length);
        wm.verify(postRequestedFor(urlEqualTo(PATH))
                .withHeader("Accept", equalTo("text/event-stream"))
                .withHeader("Authorization", equalTo("Bearer sk-test")));
    }

    @Test
    void slowDripIsDeliveredInOrder() throws Exception {
        wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(SSE_BODY).withChunkedDribbleDelay(12, 300)));
        Recorder r = new Recorder();
        transport.stream(wmCall(), r);
        r.await();
        assertEquals(SSE_EVENTS, r.events());
    }

    @Test
    void errorStatusIsAPlainReply() throws Exception {
        String json = "{\"error\":{\"code\":429,\"message\":\"Rate limit exceeded\"}}";
        wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withHeader("Retry-After", "7").withBody(json)));
        Recorder r = new Recorder();
        transport.stream(wmCall(), r);
        r.await();
        assertEquals(List.of("reply 429 application/json"), r.events());
        assertEquals("7", r.reply.header("retry-after"));
        assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), r.reply.body());
    }

    @Test
    void jsonAnswerToAStreamCallIsAPlainReply() throws Exception {
        String json = "{\"id\":\"gen-1\",\"choices\":[]}";
        wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(json)));
        Recorder r = new Recorder();
        transport.stream(wmCall(), r);
        r.await();
        assertEquals(List.of("reply 200 application/json"), r.events());
        assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), r.reply.body());
    }

    @Test
    void streamCutBeforeDoneFailsOnce() throws Exception {
        raw = new RawServer(c -> {
            c.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
                    + ": OPENROUTER PROCESSING\n\ndata: {\"a\":1}\n\ndata: {\"b\"");
        });
        Recorder r = new Recorder();
        transport.stream(call(raw.base(), null), r);
        r.await();
        assertEquals(List.of("open 200 text/event-stream", "data {\"a\":1}", "failure MalformedResponseException"),
                r.events());
        assertTrue(r.failure.getMessage().contains("ended before data: [DONE]"), r.failure.getMessage());
        assertTrue(r.failure.getMessage().contains("POST " + raw.base() + PATH), r.failure.getMessage());
        assertFalse(r.failure.getMessage().contains("sk-test"));
        // the caller's Accept: application/json was replaced, not doubled
        assertEquals(List.of("accept: text/event-stream"), raw.requestLines("accept:"));
        r.assertSingleTerminal();
    }

    @Test
    void chunkedStreamCutBetweenChunksFailsOnce() throws Exception {
        assertChunkedCut("");
    }

    @Test
    void chunkedStreamCutInsideAChunkFailsOnce() throws Exception {
        assertChunkedCut("20\r\ndata: {\"b\"");
    }

    private void assertChunkedCut(String tail) throws Exception {
        raw = new RawServer(c -> {
            c.write(RawServer.CHUNKED_SSE_HEAD);
            c.chunk("data: {\"a\":1}\n\n");
            // HttpClient drops a chunk that arrives in the same read as the truncating close: let it go first
            Thread.sleep(100);
            c.write(tail);
        });
        Recorder r = new Recorder();
        transport.stream(call(raw.base(), null), r);
        r.await();
        assertEquals(List.of("open 200 text/event-stream", "data {\"a\":1}", "failure MalformedResponseException"),
                r.events());
        assertTrue(r.failure.getMessage().startsWith("The event stream of POST " + raw.base() + PATH
                + " ended before data: [DONE]"), r.failure.getMessage());
        assertFalse(r.failure.isRetryable());
        r.assertSingleTerminal();
    }

    @Test
    void inactivityLongerThanResponseTimeoutFails() throws Exception {
        raw = new RawServer(c -> {
            c.write(RawServer.CHUNKED_SSE_HEAD);
            c.chunk("data: {\"a\":1}\n\n");
            c.awaitClientClose(3000);
        });
        Recorder r = new Recorder();
        long start = System.nanoTime();
        transport.stream(call(raw.base(), Duration.ofMillis(300)), r);
        r.await();
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(List.of("open 200 text/event-stream", "data {\"a\":1}", "failure RequestTimeoutException"),
                r.events());
        assertInstanceOf(RequestTimeoutException.class, r.failure);
        assertTrue(tookMs >= 250 && tookMs < 2500, "timed out after " + tookMs + " ms");
        assertTrue(raw.clientClosed.await(2, TimeUnit.SECONDS), "the timed-out connection is closed");
        r.assertSingleTerminal();
    }

    @Test
    void keepAliveCommentsKeepASlowStreamAlive() throws Exception {
        raw = new RawServer(c -> {
            c.write(RawServer.CHUNKED_SSE_HEAD);
            c.chunk("data: {\"a\":1}\n\n");
            for (int i = 0; i < 8; i++) { // 800 ms in all, each gap well under the 300 ms timeout
                Thread.sleep(100);
                c.chunk(": OPENROUTER PROCESSING\n\n");
            }
            c.chunk("data: {\"b\":2}\n\ndata: [DONE]\n\n");
            c.chunk("");
            c.awaitClientClose(3000);
        });
        Recorder r = new Recorder();
        transport.stream(call(raw.base(), Duration.ofMillis(300)), r);
        r.await();
        assertEquals(List.of("open 200 text/event-stream", "data {\"a\":1}", "data {\"b\":2}", "done"), r.events());
        r.assertSingleTerminal();
    }

    @Test
    void cancelMidStreamFailsOnceAndClosesTheConnection() throws Exception {
        raw = new RawServer(c -> {
            c.write(RawServer.CHUNKED_SSE_HEAD);
            c.chunk("data: {\"a\":1}\n\n");
            c.awaitClientClose(5000);
        });
        Recorder r = new Recorder();
        Cancellable handle = transport.stream(call(raw.base(), null), r);
        assertTrue(r.firstData.await(3, TimeUnit.SECONDS));
        handle.cancel();
        r.await();
        handle.cancel(); // a second cancel does nothing
        assertEquals(List.of("open 200 text/event-stream", "data {\"a\":1}", "failure ConnectionFailedException"),
                r.events());
        assertTrue(r.failure.getMessage().contains("was cancelled"), r.failure.getMessage());
        assertTrue(raw.clientClosed.await(2, TimeUnit.SECONDS), "the cancelled connection is closed");
        awaitNoLeases();
        r.assertSingleTerminal();
    }

    @Test
    void cancelBeforeTheAnswerFailsOnce() throws Exception {
        raw = new RawServer(c -> {
            Thread.sleep(300);
            c.write(RawServer.CHUNKED_SSE_HEAD);
            c.chunk("data: {\"a\":1}\n\n");
            c.awaitClientClose(3000);
        });
        for (int i = 0; i < 2; i++) { // twice: whatever the first cancel left behind would disturb the second
            Recorder r = new Recorder();
            transport.stream(call(raw.base(), null), r).cancel();
            r.await();
            assertEquals(List.of("failure ConnectionFailedException"), r.events());
            assertTrue(r.failure.getMessage().endsWith("was cancelled"), r.failure.getMessage());
            awaitNoLeases();
            r.assertSingleTerminal();
        }
    }

    @Test
    void cancelOnAReusedConnectionClosesIt() throws Exception {
        raw = new RawServer(c -> {
            c.write(RawServer.CHUNKED_SSE_HEAD);
            c.chunk("data: {\"a\":1}\n\ndata: [DONE]\n\n");
            c.chunk("");
            if (c.readRequest()) {
                c.write(RawServer.CHUNKED_SSE_HEAD);
                c.chunk("data: {\"b\":2}\n\n");
                c.awaitClientClose(5000);
            }
        });
        Recorder first = new Recorder();
        transport.stream(call(raw.base(), null), first);
        first.await();
        assertEquals(List.of("open 200 text/event-stream", "data {\"a\":1}", "done"), first.events());
        awaitNoLeases();

        Recorder r = new Recorder();
        Cancellable handle = transport.stream(call(raw.base(), null), r);
        assertTrue(r.firstData.await(3, TimeUnit.SECONDS));
        handle.cancel();
        r.await();
        assertEquals(List.of("open 200 text/event-stream", "data {\"b\":2}", "failure ConnectionFailedException"),
                r.events());
        assertEquals(1, raw.connections(), "the second stream reused the connection");
        assertTrue(raw.clientClosed.await(2, TimeUnit.SECONDS), "the cancelled connection is closed");
        r.assertSingleTerminal();
    }

    @Test
    void cancelFromInsideTheListenerIsNotReentrant() throws Exception {
        raw = new RawServer(c -> {
            c.write(RawServer.CHUNKED_SSE_HEAD);
            c.chunk("data: {\"a\":1}\n\ndata: {\"b\":2}\n\n");
            c.awaitClientClose(10000);
        });
        Cancellable[] handle = new Cancellable[1];
        CountDownLatch handed = new CountDownLatch(1);
        Recorder r = new Recorder() {
            @Override
            public void onData(String data) {
                super.onData(data);
                try {
                    handed.await(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                handle[0].cancel(); // the failure must wait until this callback has returned
                record("after cancel");
            }
        };
        handle[0] = transport.stream(call(raw.base(), null), r);
        handed.countDown();
        r.await();
        assertEquals(List.of("open 200 text/event-stream", "data {\"a\":1}", "after cancel",
                "failure ConnectionFailedException"), r.events());
        assertTrue(raw.clientClosed.await(2, TimeUnit.SECONDS), "the cancelled connection is closed");
        r.assertSingleTerminal();
    }

    @Test
    void connectionIsReusedAfterACompleteStream() throws Exception {
        wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(SSE_BODY)));
        for (int i = 0; i < 3; i++) {
            Recorder r = new Recorder();
            transport.stream(wmCall(), r);
            r.await();
            assertEquals(SSE_EVENTS, r.events());
            awaitNoLeases();
        }
    }

    @Test
    void connectionIsReusedAfterDoneAndWhatFollowsIsIgnored() throws Exception {
        raw = new RawServer(c -> {
            do {
                c.write(RawServer.CHUNKED_SSE_HEAD);
                c.chunk(": OPENROUTER PROCESSING\n\ndata: {\"a\":1}\n\n");
                c.chunk("data: [DONE]\n\ndata: {\"late\":1}\n\n");
                c.chunk(": trailing comment\n\n");
                c.chunk("");
            } while (c.readRequest());
        });
        for (int i = 0; i < 3; i++) {
            Recorder r = new Recorder();
            transport.stream(call(raw.base(), null), r);
            r.await();
            assertEquals(List.of("open 200 text/event-stream", "data {\"a\":1}", "done"), r.events());
            awaitNoLeases();
            r.assertSingleTerminal();
        }
        assertEquals(3, raw.requests());
        assertEquals(1, raw.connections(), "one kept-alive connection for all streams");
    }

    @Test
    void listenerThatThrowsEndsTheStream() throws Exception {
        raw = new RawServer(c -> {
            c.write(RawServer.CHUNKED_SSE_HEAD);
            c.chunk("data: {\"a\":1}\n\ndata: {\"b\":2}\n\n");
            c.awaitClientClose(5000);
        });
        Recorder r = new Recorder() {
            @Override
            public void onData(String data) {
                super.onData(data);
                throw new IllegalStateException("boom");
            }
        };
        transport.stream(call(raw.base(), null), r);
        r.await();
        assertEquals(List.of("open 200 text/event-stream", "data {\"a\":1}", "failure ConnectionFailedException"),
                r.events());
        assertTrue(r.failure.getMessage().contains("listener"), r.failure.getMessage());
        assertInstanceOf(IllegalStateException.class, r.failure.getCause());
        assertTrue(raw.clientClosed.await(2, TimeUnit.SECONDS), "the abandoned connection is closed");
        r.assertSingleTerminal();
    }

    @Test
    void manyConcurrentStreamsAllComplete() throws Exception {
        wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(SSE_BODY).withChunkedDribbleDelay(4, 200)));
        List<Recorder> recorders = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Recorder r = new Recorder();
            recorders.add(r);
            transport.stream(wmCall(), r);
        }
        for (Recorder r : recorders) {
            r.await();
        }
        Thread.sleep(50); // a late duplicate would show up by now
        for (Recorder r : recorders) {
            assertEquals(SSE_EVENTS, r.events());
            r.checkSingleTerminal();
        }
    }

    @Test
    void closedTransportFailsAtOnce() {
        transport.close();
        Recorder r = new Recorder();
        assertEquals(Cancellable.NONE, transport.stream(wmCall(), r));
        assertEquals(List.of("failure ConnectionFailedException"), r.events());
        assertTrue(r.failure.getMessage().contains("closed"), r.failure.getMessage());
        assertInstanceOf(ConnectionFailedException.class, r.failure);
    }

    @Test
    void refusedConnectionFails() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Recorder r = new Recorder();
        transport.stream(call("http://127.0.0.1:" + port, null), r);
        r.await();
        assertEquals(List.of("failure ConnectionFailedException"), r.events());
        assertNull(r.head);
        r.assertSingleTerminal();
    }

    /** Records what a listener is told, and notices overlapping or repeated terminal calls. */
    static class Recorder implements StreamListener {

        private final List<String> events = new ArrayList<>();
        private final CountDownLatch terminal = new CountDownLatch(1);
        final CountDownLatch firstData = new CountDownLatch(1);
        private final AtomicInteger inside = new AtomicInteger();
        private final AtomicInteger terminals = new AtomicInteger();
        private volatile boolean overlapped;
        volatile HttpReply head;
        volatile HttpReply reply;
        volatile LlmRouterException failure;

        synchronized void record(String event) {
            events.add(event);
        }

        synchronized List<String> events() {
            return List.copyOf(events);
        }

        private void enter() {
            if (inside.incrementAndGet() != 1) {
                overlapped = true;
            }
        }

        private void exit() {
            inside.decrementAndGet();
        }

        @Override
        public void onReply(HttpReply r) {
            enter();
            reply = r;
            record("reply " + r.status() + " " + r.contentType());
            terminals.incrementAndGet();
            exit();
            terminal.countDown();
        }

        @Override
        public void onOpen(HttpReply h) {
            enter();
            head = h;
            record("open " + h.status() + " " + h.contentType());
            exit();
        }

        @Override
        public void onData(String data) {
            enter();
            record("data " + data);
            exit();
            firstData.countDown();
        }

        @Override
        public void onDone() {
            enter();
            record("done");
            terminals.incrementAndGet();
            exit();
            terminal.countDown();
        }

        @Override
        public void onFailure(LlmRouterException f) {
            enter();
            failure = f;
            record("failure " + f.getClass().getSimpleName());
            terminals.incrementAndGet();
            exit();
            terminal.countDown();
        }

        void await() throws InterruptedException {
            assertTrue(terminal.await(5, TimeUnit.SECONDS), "no terminal call; got " + events());
        }

        void assertSingleTerminal() throws InterruptedException {
            Thread.sleep(50); // a late duplicate would show up by now
            checkSingleTerminal();
        }

        void checkSingleTerminal() {
            assertEquals(1, terminals.get(), "terminal calls: " + events());
            assertFalse(overlapped, "listener called concurrently");
        }
    }
}
