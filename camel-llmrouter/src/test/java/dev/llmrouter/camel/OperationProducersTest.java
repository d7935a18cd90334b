package dev.llmrouter.camel;

import org.apache.camel.Endpoint;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The URI path picks the operation, and the operation picks its producer. */
class OperationProducersTest {

    private DefaultCamelContext context;

    @BeforeEach
    void start() {
        context = new DefaultCamelContext();
        context.start();
    }

    @AfterEach
    void stop() throws Exception {
        context.close();
    }

    private LlmRouterEndpoint endpoint(String path) {
        Endpoint e = context.getEndpoint("llmrouter:" + path + "?apiKey=" + CamelHarness.API_KEY
                                         + "&baseUrl=http://127.0.0.1:9/api/v1&model=openai/gpt-4o-mini");
        return assertInstanceOf(LlmRouterEndpoint.class, e);
    }

    @Test
    void eachOperationHasItsProducer() throws Exception {
        assertEquals(LlmRouterOperation.chat, endpoint("chat").getOperation());
        assertInstanceOf(LlmRouterChatProducer.class, endpoint("chat").createProducer());
        for (String account : new String[] {"models", "key", "generation"}) {
            LlmRouterEndpoint e = endpoint(account);
            assertEquals(LlmRouterOperation.valueOf(account), e.getOperation());
            assertInstanceOf(LlmRouterAccountProducer.class, e.createProducer());
        }
        assertInstanceOf(LlmRouterEmbeddingsProducer.class, endpoint("embeddings").createProducer());
    }

    @Test
    void anEmptyPathIsChat() {
        assertEquals(LlmRouterOperation.chat, LlmRouterOperation.of(""));
        assertEquals(LlmRouterOperation.chat, LlmRouterOperation.of(null));
    }

    @Test
    void anUnknownOperationFailsAtEndpointCreationListingTheValues() {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> endpoint("summarize"));
        String m = e.getCause().getMessage();
        assertEquals("Invalid value 'summarize' for operation: allowed values are chat, models, generation, key,"
                     + " embeddings", m);
        assertTrue(e.getMessage().contains("llmrouter://summarize"), e.getMessage());
    }
}
