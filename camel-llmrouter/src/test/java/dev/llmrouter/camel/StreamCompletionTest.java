package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.camel.error.MalformedResponseException;
import dev.llmrouter.camel.routing.ChatStream;
import dev.llmrouter.test.EmulatorFault;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static dev.llmrouter.camel.ResilienceFixtures.MINI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stream that carried a {@code finish_reason} and then closes without {@code data: [DONE]} is complete (text,
 * finish reason, usage and cost as they arrived); a stream that closes before any {@code finish_reason} is not.
 */
class StreamCompletionTest extends EmulatorTestSupport {

    private final List<String> deltas = new CopyOnWriteArrayList<>();

    private static String chunk(String delta, String finish) {
        return "data: {\"id\":\"gen-x\",\"object\":\"chat.completion.chunk\",\"model\":\"" + MINI + "\","
               + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"" + delta + "\"},"
               + "\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}]}\n\n";
    }

    private static final String USAGE = "data: {\"id\":\"gen-x\",\"object\":\"chat.completion.chunk\",\"model\":\""
                                         + MINI + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":7,"
                                         + "\"completion_tokens\":2,\"total_tokens\":9,\"cost\":0.00042}}\n\n";

    /** The stream as the server sends it: the given events, then the body ends (no [DONE]). */
    private static void serve(String events) {
        EMULATOR.emulator().fault(MINI, EmulatorFault.rawBody(200, "text/event-stream", events));
    }

    private void routes() {
        routes("");
    }

    private void routes(String options) {
        String uri = camel.chat("model=" + MINI + "&stream=true&maxRetries=1&retryDelay=1" + options);
        useHarness(null, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:split").to(uri)
                        .split(body()).streaming()
                            .process(e -> deltas.add(e.getMessage().getBody(String.class)))
                        .end();
                from("direct:deltas").process(e -> deltas.add(e.getMessage().getBody(String.class)));
            }
        }, EMULATOR.baseUrl());
    }

    @Test
    void finishReasonThenUsageWithoutDoneIsACompleteAnswerForSplit() {
        serve(chunk("Hello", null) + chunk(" world", null) + chunk("", "stop") + USAGE);
        routes();

        Exchange ex = camel.template.send("direct:split", e -> e.getMessage().setBody("Hi"));

        assertNull(ex.getException());
        assertEquals("Hello world", String.join("", deltas));
        assertEquals("stop", ex.getMessage().getHeader(LlmRouterConstants.FINISH_REASON));
        assertEquals(7, ex.getMessage().getHeader(LlmRouterConstants.PROMPT_TOKENS, Integer.class));
        assertEquals(2, ex.getMessage().getHeader(LlmRouterConstants.COMPLETION_TOKENS, Integer.class));
        assertEquals(0, new BigDecimal("0.00042").compareTo(
                ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class)));
        ChatStream stream = ex.getMessage().getBody(ChatStream.class);
        assertTrue(stream.isComplete());
        assertEquals("Hello world", stream.text());
        assertEquals(1, EMULATOR.emulator().chatRequests().size());
    }

    @Test
    void finishReasonWithoutUsageOrDoneIsCompleteForStreamTo() {
        serve(chunk("Hello", null) + chunk(" world", "length"));
        routes();

        Exchange ex = camel.send(camel.chat("model=" + MINI + "&stream=true&streamTo=direct:deltas"), "Hi");

        assertNull(ex.getException());
        assertEquals("Hello world", ex.getMessage().getBody());
        assertEquals(List.of("Hello", " world"), deltas);
        assertEquals("length", ex.getMessage().getHeader(LlmRouterConstants.FINISH_REASON));
        assertNull(ex.getMessage().getHeader(LlmRouterConstants.COMPLETION_TOKENS), "no usage arrived");
    }

    @Test
    void aStreamThatClosesBeforeAnyFinishReasonIsNotComplete() {
        serve(chunk("Hello", null) + chunk(" wor", null) + USAGE);
        routes();

        Exchange ex = camel.template.send("direct:split", e -> e.getMessage().setBody("Hi"));

        MalformedResponseException e = assertInstanceOf(MalformedResponseException.class, ex.getException());
        assertTrue(e.getMessage().contains("ended before data: [DONE]"), e.getMessage());
        assertEquals(1, EMULATOR.emulator().chatRequests().size(), "committed after the first delta: not retried");
    }

    @Test
    void aStreamThatClosesBeforeItsFirstDeltaAndFinishReasonMovesOnToTheNextModel() {
        EMULATOR.emulator().reply("", "Recovered");
        EMULATOR.emulator().fault(MINI, EmulatorFault.rawBody(200, "text/event-stream", USAGE));
        routes("&escalateModels=" + ResilienceFixtures.CHEAP);

        Exchange ex = camel.template.send("direct:split", e -> e.getMessage().setBody("Hi"));

        assertNull(ex.getException());
        assertEquals("Recovered", String.join("", deltas));
        @SuppressWarnings("unchecked")
        List<Attempt> attempts = ex.getMessage().getHeader(LlmRouterConstants.ATTEMPTS, List.class);
        assertEquals(List.of(Attempt.Outcome.FAILED, Attempt.Outcome.SUCCESS),
                attempts.stream().map(Attempt::outcome).toList());
        assertTrue(attempts.get(0).detail().contains("[DONE]"), attempts.get(0).detail());
        assertEquals(ResilienceFixtures.CHEAP, attempts.get(1).model());
        assertEquals(2, EMULATOR.emulator().chatRequests().size(), "uncommitted: not retried on the same model");
    }

    /**
     * A loopback server that answers one request with a chunked event stream of {@code events} and then drops the
     * connection without the closing zero-length chunk (the client sees the body cut inside the chunked coding).
     */
    private static java.net.ServerSocket droppingServer(String events) throws Exception {
        java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (java.net.Socket socket = server.accept()) {
                java.io.InputStream in = socket.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    head.append((char) b);
                }
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                        .matcher(head);
                if (m.find()) {
                    in.readNBytes(Integer.parseInt(m.group(1)));
                }
                byte[] data = events.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                java.io.OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                           + Integer.toHexString(data.length) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.write(data);
                out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
                // the drop comes after the client has read the chunk: HttpClient reports a drop that arrives in the
                // same read as the last chunk before handing that chunk over (then the stream counts as cut)
                Thread.sleep(200);
                // no "0\r\n\r\n": the connection ends inside the chunked body
            } catch (java.io.IOException | InterruptedException e) {
                // the test's assertions tell
            }
        }, "dropping-sse-server");
        t.setDaemon(true);
        t.start();
        return server;
    }

    @Test
    void aConnectionDroppedAfterTheFinishReasonStillDeliversTheWholeAnswer() throws Exception {
        try (java.net.ServerSocket server = droppingServer(chunk("Hello", null) + chunk(" world", "stop") + USAGE)) {
            useHarness(null, new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:none").process(e -> deltas.add(e.getMessage().getBody(String.class)));
                }
            }, "http://127.0.0.1:" + server.getLocalPort() + "/v1");

            Exchange ex = camel.send(camel.chat("model=" + MINI + "&stream=true&streamTo=direct:none&maxRetries=0"),
                    "Hi");

            assertNull(ex.getException());
            assertEquals("Hello world", ex.getMessage().getBody());
            assertEquals(List.of("Hello", " world"), deltas);
            assertEquals("stop", ex.getMessage().getHeader(LlmRouterConstants.FINISH_REASON));
            assertEquals(2, ex.getMessage().getHeader(LlmRouterConstants.COMPLETION_TOKENS, Integer.class));
        }
    }

    @Test
    void aConnectionDroppedBeforeTheFinishReasonFails() throws Exception {
        try (java.net.ServerSocket server = droppingServer(chunk("Hello", null) + chunk(" wor", null))) {
            useHarness(null, new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:none").log("${body}");
                }
            }, "http://127.0.0.1:" + server.getLocalPort() + "/v1");

            Exchange ex = camel.send(camel.chat("model=" + MINI + "&stream=true&streamTo=direct:none&maxRetries=0"),
                    "Hi");

            MalformedResponseException e = assertInstanceOf(MalformedResponseException.class, ex.getException());
            assertTrue(e.getMessage().contains("ended before data: [DONE]"), e.getMessage());
        }
    }
}
