package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.camel.error.MalformedResponseException;
import dev.llmrouter.camel.error.UpstreamException;
import dev.llmrouter.camel.routing.ChatStream;
import dev.llmrouter.test.EmulatorFault;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** stream=true end to end against the emulator: split streaming, headers after the end, failures, streamTo. */
class StreamingTest extends EmulatorTestSupport {

    private final List<String> deltas = new CopyOnWriteArrayList<>();

    private void routes(String options) {
        String uri = "llmrouter:chat?apiKey=" + CamelHarness.API_KEY + "&baseUrl=" + EMULATOR.baseUrl()
                     + "&model=openai/gpt-4o-mini&stream=true&retryDelay=5" + (options.isEmpty() ? "" : "&" + options);
        useHarness(null, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:stream")
                        .to(uri)
                        .split(body()).streaming()
                            .process(e -> deltas.add(e.getMessage().getBody(String.class)))
                        .end();
                from("direct:deltas").process(e -> deltas.add(
                        e.getMessage().getHeader(LlmRouterConstants.STREAM_INDEX) + ":" + e.getMessage().getBody()));
            }
        }, EMULATOR.baseUrl());
    }

    @Test
    void splitReadsEveryDeltaAndTheUsageHeadersAreSetWhenTheStreamEnds() {
        EMULATOR.emulator().reply("weather", "It is sunny in Lisbon today");
        routes("");

        Exchange ex = camel.template.send("direct:stream", e -> e.getMessage().setBody("What is the weather?"));

        assertNull(ex.getException());
        assertEquals("It is sunny in Lisbon today", String.join("", deltas));
        assertTrue(deltas.size() > 1, "more than one delta: " + deltas);
        assertTrue(EMULATOR.emulator().lastRequest().json().get("stream").asBoolean());
        assertEquals("stop", ex.getMessage().getHeader(LlmRouterConstants.FINISH_REASON));
        assertTrue(ex.getMessage().getHeader(LlmRouterConstants.COMPLETION_TOKENS, Integer.class) > 0);
        BigDecimal cost = ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
        assertNotNull(cost);
        assertTrue(cost.signum() > 0);
        assertEquals("openai/gpt-4o-mini", ex.getMessage().getHeader(LlmRouterConstants.RESPONSE_MODEL));
        assertNotNull(ex.getMessage().getHeader(LlmRouterConstants.GENERATION_ID));
        ChatStream stream = ex.getMessage().getBody(ChatStream.class);
        assertTrue(stream.isComplete());
        assertEquals("It is sunny in Lisbon today", stream.text());
    }

    @Test
    void aMidStreamErrorChunkFailsTheExchangeInsteadOfATruncatedSuccess() {
        EMULATOR.emulator().reply("weather", "It is sunny in Lisbon today and tomorrow as well");
        EMULATOR.emulator().fault("openai/gpt-4o-mini", EmulatorFault.streamError("Provider disconnected"));
        routes("");

        Exchange ex = camel.template.send("direct:stream", e -> e.getMessage().setBody("What is the weather?"));

        UpstreamException e = assertInstanceOf(UpstreamException.class, ex.getException());
        assertTrue(e.getMessage().contains("Provider disconnected"), e.getMessage());
        assertFalse(deltas.isEmpty(), "content had started, so no fallback");
        assertEquals(1, EMULATOR.emulator().chatRequests().size());
    }

    @Test
    void aStreamCutBeforeDoneFailsTheExchange() {
        EMULATOR.emulator().reply("weather", "It is sunny in Lisbon today and tomorrow as well");
        EMULATOR.emulator().fault("openai/gpt-4o-mini", EmulatorFault.streamCut());
        routes("");

        Exchange ex = camel.template.send("direct:stream", e -> e.getMessage().setBody("What is the weather?"));

        MalformedResponseException e = assertInstanceOf(MalformedResponseException.class, ex.getException());
        assertTrue(e.getMessage().contains("[DONE]"), e.getMessage());
    }

    @Test
    void aFailureBeforeTheFirstTokenIsRetried() {
        EMULATOR.emulator().reply("weather", "Sunny");
        EMULATOR.emulator().fault("openai/gpt-4o-mini", EmulatorFault.status(503).message("Overloaded").times(1));
        routes("maxRetries=1");

        Exchange ex = camel.template.send("direct:stream", e -> e.getMessage().setBody("What is the weather?"));

        assertNull(ex.getException());
        assertEquals("Sunny", String.join("", deltas));
        @SuppressWarnings("unchecked")
        List<Attempt> attempts = ex.getMessage().getHeader(LlmRouterConstants.ATTEMPTS, List.class);
        assertEquals(List.of(Attempt.Outcome.FAILED, Attempt.Outcome.SUCCESS),
                attempts.stream().map(Attempt::outcome).toList());
        assertEquals(2, EMULATOR.emulator().chatRequests().size());
    }

    @Test
    void streamToSendsEachDeltaInOrderAndTheExchangeEndsWithTheWholeText() {
        EMULATOR.emulator().reply("weather", "It is sunny in Lisbon today");
        routes("streamTo=direct:deltas");

        Exchange ex = camel.template.send(camel.chat("model=openai/gpt-4o-mini&stream=true&streamTo=direct:deltas"),
                e -> e.getMessage().setBody("What is the weather?"));

        assertNull(ex.getException());
        assertEquals("It is sunny in Lisbon today", ex.getMessage().getBody());
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < deltas.size(); i++) {
            String d = deltas.get(i);
            assertTrue(d.startsWith(i + ":"), "delta " + i + " in order: " + deltas);
            joined.append(d.substring(d.indexOf(':') + 1));
        }
        assertEquals("It is sunny in Lisbon today", joined.toString());
        assertEquals("stop", ex.getMessage().getHeader(LlmRouterConstants.FINISH_REASON));
        assertNotNull(ex.getMessage().getHeader(LlmRouterConstants.COST));
    }

    @Test
    void aConsumerThatStopsEarlyClosesTheStreamAndFreesTheConnection() throws Exception {
        EMULATOR.emulator().reply("weather", "It is sunny in Lisbon today and tomorrow as well");
        List<ChatStream> seen = new CopyOnWriteArrayList<>();
        String uri = camel.chat("model=openai/gpt-4o-mini&stream=true");
        useHarness(null, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:first-word").to(uri).process(e -> {
                    ChatStream s = e.getMessage().getBody(ChatStream.class);
                    seen.add(s);
                    e.getMessage().setBody(s.next());
                    s.close();
                });
            }
        }, EMULATOR.baseUrl());

        Exchange ex = camel.template.send("direct:first-word", e -> e.getMessage().setBody("What is the weather?"));

        assertNull(ex.getException());
        assertEquals("It", ex.getMessage().getBody(String.class).trim());
        ChatStream stream = seen.get(0);
        assertFalse(stream.hasNext());
        assertFalse(stream.isComplete());
        LlmRouterComponent component = camel.context.getComponent("llmrouter", LlmRouterComponent.class);
        var transport = (dev.llmrouter.camel.transport.AsyncHttpTransport) component.runtime().transport();
        long deadline = System.currentTimeMillis() + 2000;
        while (transport.leasedConnections() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, transport.leasedConnections());
    }

    @Test
    void anExchangeThatNeverReadsItsStreamClosesItWhenItCompletes() throws Exception {
        EMULATOR.emulator().reply("weather", "It is sunny in Lisbon today and tomorrow as well");
        Exchange ex = camel.send(camel.chat("model=openai/gpt-4o-mini&stream=true"), "What is the weather?");
        ChatStream stream = ex.getMessage().getBody(ChatStream.class);
        // closed before anything read it: reading it now is a mistake, not an empty answer
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                stream::hasNext);
        assertTrue(e.getMessage().contains("split(body()).streaming()"), e.getMessage());
        assertFalse(stream.isComplete());
    }

    @Test
    void consecutiveStreamsOnReusedConnectionsAllSucceed() {
        EMULATOR.emulator().reply("weather", "It is sunny in Lisbon today");
        routes("maxRetries=0");
        for (int i = 0; i < 30; i++) {
            deltas.clear();
            Exchange ex = camel.template.send("direct:stream", e -> e.getMessage().setBody("What is the weather?"));
            assertNull(ex.getException(), "call " + i);
            assertEquals("It is sunny in Lisbon today", String.join("", deltas), "call " + i);
        }
        assertEquals(30, EMULATOR.emulator().chatRequests().size());
    }
}
