package dev.llmrouter.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.llmrouter.camel.error.ConnectionFailedException;
import dev.llmrouter.test.EmulatorFault;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many exchanges at once keep their own overrides and answers; a stopped component fails fast, a restarted one works. */
class LifecycleAndConcurrencyTest extends EmulatorTestSupport {

    private static final List<String> MODELS = List.of("openai/gpt-4o-mini", "anthropic/claude-haiku-4.5",
            "anthropic/claude-sonnet-4.5", "meta-llama/llama-3.3-70b-instruct");

    @Test
    void sixtyFourConcurrentExchangesKeepTheirOwnModelAndAnswer() throws Exception {
        String uri = camel.chat("model=openai/gpt-4o-mini");
        List<CompletableFuture<Exchange>> futures = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String model = MODELS.get(i % MODELS.size());
            String text = "message number " + i;
            futures.add(camel.template.asyncSend(uri, e -> {
                e.getMessage().setBody(text);
                e.getMessage().setHeader(LlmRouterConstants.MODEL, model);
                e.getMessage().setHeader("index", text);
            }));
        }
        for (int i = 0; i < 64; i++) {
            Exchange ex = futures.get(i).get(30, TimeUnit.SECONDS);
            assertNull(ex.getException(), () -> String.valueOf(ex.getException()));
            assertEquals("Echo: message number " + i, ex.getMessage().getBody());
            assertEquals(MODELS.get(i % MODELS.size()), ex.getMessage().getHeader(LlmRouterConstants.RESPONSE_MODEL));
        }
        assertEquals(64, EMULATOR.emulator().chatRequests().size());
    }

    @Test
    void aStoppedComponentFailsAtOnceAndARestartedOneWorksAgain() throws Exception {
        String uri = camel.chat("model=openai/gpt-4o-mini");
        LlmRouterEndpoint endpoint = camel.context.getEndpoint(uri, LlmRouterEndpoint.class);
        Producer producer = endpoint.createProducer();
        producer.start();
        assertNull(call(producer, endpoint, "first").getException());

        camel.component.stop();
        Exchange whileStopped = call(producer, endpoint, "while stopped");
        ConnectionFailedException e = assertInstanceOf(ConnectionFailedException.class, whileStopped.getException());
        assertTrue(e.getMessage().startsWith("The llmrouter component is stopped"), e.getMessage());
        assertEquals("while stopped", whileStopped.getMessage().getBody());

        camel.component.start();
        Exchange again = call(producer, endpoint, "after restart");
        assertNull(again.getException());
        assertEquals("Echo: after restart", again.getMessage().getBody());
        producer.stop();
    }

    @Test
    void stoppingTheComponentEndsExchangesWaitingForARetryOrATimeout() throws Exception {
        EMULATOR.emulator().fault("*", EmulatorFault.status(503).message("Overloaded"));
        // a minute's backoff, and a total timeout of an hour: both timer tasks are pending when the component stops
        CompletableFuture<Exchange> waiting = camel.template.asyncSend(
                camel.chat("model=openai/gpt-4o-mini&maxRetries=2&retryDelay=60000&maxRetryDelay=60000"
                           + "&totalTimeout=3600000"),
                e -> e.getMessage().setBody("wait for me"));
        long deadline = System.currentTimeMillis() + 10_000;
        while (EMULATOR.emulator().chatRequests().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
        assertEquals(1, EMULATOR.emulator().chatRequests().size(), "the first try failed; the retry waits");

        camel.component.stop();

        Exchange ex = waiting.get(5, TimeUnit.SECONDS);
        assertInstanceOf(ConnectionFailedException.class, ex.getException());
        assertEquals("wait for me", ex.getMessage().getBody());
        assertEquals(1, EMULATOR.emulator().chatRequests().size());
    }

    @Test
    void contextRestartKeepsACachedTemplateWorking() {
        String uri = camel.chat("model=openai/gpt-4o-mini");
        assertEquals("Echo: one", camel.send(uri, "one").getMessage().getBody());
        camel.context.stop();
        camel.context.start();
        Exchange ex = camel.send(uri, "two");
        assertNull(ex.getException());
        assertEquals("Echo: two", ex.getMessage().getBody());
    }

    private Exchange call(Producer producer, LlmRouterEndpoint endpoint, String body) throws Exception {
        Exchange ex = endpoint.createExchange();
        ex.getMessage().setBody(body);
        ex.getMessage().setHeaders(new java.util.HashMap<>(Map.of()));
        CompletableFuture<Void> done = new CompletableFuture<>();
        ((org.apache.camel.AsyncProcessor) producer).process(ex, sync -> done.complete(null));
        done.get(10, TimeUnit.SECONDS);
        return ex;
    }
}
