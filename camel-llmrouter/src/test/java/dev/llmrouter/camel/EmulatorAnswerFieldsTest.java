package dev.llmrouter.camel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.llmrouter.camel.error.NoProviderException;
import dev.llmrouter.camel.error.RateLimitException;
import dev.llmrouter.camel.wire.ChatResponse;
import dev.llmrouter.test.EmulatorFault;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The emulator and the component agree on every answer field OpenRouter added: a route test written against the
 * emulator sees reasoning, reasoning details, images, logprobs, the served tier, the system fingerprint, the native
 * finish reason, OpenRouter's metadata, BYOK and the token details, in the same headers whether the answer was
 * streamed (read by {@code split(body()).streaming()} or pushed by {@code streamTo}) or not; and its availability
 * and rate-limit faults reach the typed exception and the failure headers.
 */
class EmulatorAnswerFieldsTest extends EmulatorTestSupport {

    private static final String OPTIONS = "model=anthropic/claude-haiku-4.5&reasoningEffort=low&modalities=image,text"
                                          + "&logprobs=true&topLogprobs=2&serviceTier=flex&openrouterMetadata=true";

    private final List<String> deltas = new CopyOnWriteArrayList<>();

    @ParameterizedTest
    @ValueSource(strings = { "none", "split", "streamTo" })
    void everyNewAnswerFieldReachesItsHeader(String mode) throws Exception {
        String uri = camel.chat(OPTIONS + ("none".equals(mode) ? "" : "&stream=true")
                                + ("streamTo".equals(mode) ? "&streamTo=direct:deltas" : ""));
        camel.context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").to(uri).split(body()).streaming()
                        .process(e -> deltas.add(e.getMessage().getBody(String.class))).end();
                from("direct:deltas").process(e -> deltas.add(e.getMessage().getBody(String.class)));
            }
        });

        Exchange ex = "split".equals(mode) ? camel.send("direct:ask", "Draw a small red square.")
                : camel.send(uri, "Draw a small red square.");

        assertNull(ex.getException(), () -> String.valueOf(ex.getException()));
        Message m = ex.getMessage();
        if (!"none".equals(mode)) {
            assertFalse(deltas.isEmpty(), "the text arrived as deltas");
        }
        assertTrue(m.getHeader(LlmRouterConstants.REASONING, String.class).contains("Draw a small red square."));
        List<?> details = m.getHeader(LlmRouterConstants.REASONING_DETAILS, List.class);
        assertEquals(1, details.size(), String.valueOf(details));
        Map<?, ?> detail = (Map<?, ?>) details.get(0);
        assertEquals("reasoning.text", detail.get("type"));
        assertEquals("anthropic-claude-v1", detail.get("format"));
        assertTrue(String.valueOf(detail.get("signature")).startsWith("emu-sig-"), String.valueOf(detail));
        assertEquals(m.getHeader(LlmRouterConstants.REASONING), detail.get("text"));

        List<?> images = m.getHeader(LlmRouterConstants.IMAGES, List.class);
        assertEquals(1, images.size());
        assertTrue(((ChatResponse.Image) images.get(0)).imageUrl().url().startsWith("data:image/png;base64,"));
        assertEquals(1290, m.getHeader(LlmRouterConstants.IMAGE_TOKENS, Integer.class));

        ChatResponse.Logprobs logprobs = m.getHeader(LlmRouterConstants.LOGPROBS, ChatResponse.Logprobs.class);
        assertFalse(logprobs.content().isEmpty());
        assertEquals(2, logprobs.content().get(0).topLogprobs().size());

        assertEquals("flex", m.getHeader(LlmRouterConstants.SERVICE_TIER));
        assertTrue(m.getHeader(LlmRouterConstants.SYSTEM_FINGERPRINT, String.class).startsWith("fp_"));
        assertEquals("end_turn", m.getHeader(LlmRouterConstants.NATIVE_FINISH_REASON));
        assertEquals("stop", m.getHeader(LlmRouterConstants.FINISH_REASON));
        assertEquals(Boolean.FALSE, m.getHeader(LlmRouterConstants.IS_BYOK));
        Map<?, ?> metadata = m.getHeader(LlmRouterConstants.OPENROUTER_METADATA, Map.class);
        assertEquals("direct", metadata.get("strategy"), String.valueOf(metadata));
        assertTrue(m.getHeader(LlmRouterConstants.REASONING_TOKENS, Integer.class) > 0);
        assertEquals("enabled", EMULATOR.emulator().lastRequest().header("X-OpenRouter-Metadata"));
    }

    @Test
    void availabilityAndRateLimitFaultsReachTheExceptionAndTheHeaders() {
        EMULATOR.emulator().fault("*", EmulatorFault.rateLimited(7));
        Exchange limited = camel.send(camel.chat("model=openai/gpt-4o-mini&maxRetries=0"), "Hello");

        RateLimitException rate = assertInstanceOf(RateLimitException.class, limited.getException());
        assertEquals("rate_limited", rate.getAvailability().code());
        assertEquals(20L, limited.getMessage().getHeader(LlmRouterConstants.RATE_LIMIT_LIMIT));
        assertEquals(0L, limited.getMessage().getHeader(LlmRouterConstants.RATE_LIMIT_REMAINING));
        assertNotNull(limited.getMessage().getHeader(LlmRouterConstants.RATE_LIMIT_RESET));
        assertEquals("Hello", limited.getMessage().getBody());

        EMULATOR.emulator().reset();
        EMULATOR.emulator().fault("*", EmulatorFault.noProviderAvailable());
        Exchange none = camel.send(camel.chat("model=openai/gpt-4o-mini&fallbackModels=anthropic/claude-haiku-4.5"
                                              + "&maxRetries=0"), "Hello");
        NoProviderException noProvider = assertInstanceOf(NoProviderException.class, none.getException());
        assertEquals("no_provider_available", noProvider.getAvailability().code());
        // OpenRouter tried both models; the error is the last one's (Haiku), whose other candidate was the primary
        assertEquals(List.of("openai/gpt-4o-mini"), noProvider.getAvailability().fallbackModels());
        assertEquals(1, EMULATOR.emulator().chatRequests().size(), "one HTTP call: the fallback is server-side");
    }
}
