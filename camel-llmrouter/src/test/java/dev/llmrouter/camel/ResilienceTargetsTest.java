package dev.llmrouter.camel;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.camel.error.AuthenticationException;
import dev.llmrouter.camel.error.BadRequestException;
import dev.llmrouter.camel.error.InsufficientCreditsException;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.error.ModerationException;
import dev.llmrouter.camel.error.NoProviderException;
import dev.llmrouter.camel.error.UpstreamException;
import dev.llmrouter.test.EmulatorFault;
import dev.llmrouter.test.OpenRouterEmulator;
import dev.llmrouter.test.RecordedCall;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.llmrouter.camel.ResilienceFixtures.MINI;
import static dev.llmrouter.camel.ResilienceFixtures.attempts;
import static dev.llmrouter.camel.ResilienceFixtures.completion;
import static dev.llmrouter.camel.ResilienceFixtures.outcomes;
import static dev.llmrouter.camel.ResilienceFixtures.statuses;
import static dev.llmrouter.camel.ResilienceFixtures.target;
import static dev.llmrouter.camel.ResilienceFixtures.targets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Option targets: the chain of servers, dialects, model mapping and which failures move on. */
class ResilienceTargetsTest extends EmulatorTestSupport {

    private OpenRouterEmulator local;
    private WireMockServer wire;

    @AfterEach
    void stopServers() {
        if (local != null) {
            local.stop();
        }
        if (wire != null) {
            wire.stop();
        }
    }

    /** What makes a 403 a moderation refusal rather than a plain forbidden. */
    private static final Map<String, Object> MODERATION = Map.of("reasons", List.of("violence"),
            "flagged_input", "the bad part");

    /** A second emulator as target {@code local} (dialect openai, key sk-local) next to the default one. */
    private void withLocalEmulator() {
        local = OpenRouterEmulator.create().start();
        local.reply("", "from local");
        useHarness(c -> c.addTarget("local", target(local.baseUrl(), "openai", "sk-local")), null,
                EMULATOR.baseUrl());
    }

    private static final String OPENROUTER_FIELDS = "&fallbackModels=anthropic/claude-haiku-4.5&providerOrder=OpenAI"
                                                    + "&webSearch=true&sessionId=session-42";

    @Test
    void primaryFailsThenLocalServesWithAttempts() {
        withLocalEmulator();
        EMULATOR.emulator().fault("*", EmulatorFault.status(503));

        Exchange ex = camel.send(camel.chat("targets=openrouter,local&maxRetries=1&retryDelay=10&model=" + MINI
                                            + OPENROUTER_FIELDS), "Hello");

        assertNull(ex.getException());
        assertEquals("from local", ex.getMessage().getBody());
        assertEquals("local", ex.getMessage().getHeader(LlmRouterConstants.TARGET));
        assertEquals(Boolean.FALSE, ex.getMessage().getHeader(LlmRouterConstants.CACHE_HIT));
        List<Attempt> attempts = attempts(ex);
        assertEquals(List.of("openrouter", "openrouter", "local"), targets(attempts));
        assertEquals(List.of(Attempt.Outcome.FAILED, Attempt.Outcome.FAILED, Attempt.Outcome.SUCCESS),
                outcomes(attempts));
        assertEquals(List.of(503, 503, 200), statuses(attempts));
        assertEquals(List.of(MINI, MINI, MINI), attempts.stream().map(Attempt::model).toList());
        assertEquals(2, EMULATOR.emulator().chatRequests().size());
        assertEquals(1, local.chatRequests().size());
        assertEquals("Bearer sk-local", local.chatRequests().get(0).header("Authorization"));
        assertEquals("Bearer " + CamelHarness.API_KEY, EMULATOR.emulator().chatRequests().get(0).header("Authorization"));
    }

    @Test
    void openAiDialectTargetGetsNoOpenRouterFields() {
        withLocalEmulator();
        EMULATOR.emulator().fault("*", EmulatorFault.status(503));

        Exchange ex = camel.send(camel.chat("targets=openrouter,local&maxRetries=0&model=" + MINI + OPENROUTER_FIELDS),
                "Hello");

        assertNull(ex.getException());
        JsonNode sentToOpenRouter = EMULATOR.emulator().chatRequests().get(0).json();
        JsonNode sentToLocal = local.chatRequests().get(0).json();
        for (String field : List.of("provider", "plugins", "models", "session_id")) {
            assertTrue(sentToOpenRouter.has(field), field + " sent to openrouter: " + sentToOpenRouter);
            assertFalse(sentToLocal.has(field), field + " not sent to local: " + sentToLocal);
        }
        assertEquals("OpenAI", sentToOpenRouter.at("/provider/order/0").asText());
        assertEquals("anthropic/claude-haiku-4.5", sentToOpenRouter.at("/models/0").asText());
        assertEquals("session-42", sentToOpenRouter.get("session_id").asText());
        // everything else is the same request
        ObjectNode expected = sentToOpenRouter.deepCopy();
        expected.remove(List.of("provider", "plugins", "models", "session_id"));
        assertEquals(expected, sentToLocal);
    }

    @Test
    void attributionHeadersGoToOpenRouterDialectOnly() {
        withLocalEmulator();
        EMULATOR.emulator().fault("*", EmulatorFault.status(503));

        Exchange ex = camel.send(camel.chat("targets=openrouter,local&maxRetries=0&model=" + MINI
                                            + "&appTitle=Resilience Tests&appUrl=https://app.example.com"), "Hello");

        assertNull(ex.getException());
        RecordedCall toOpenRouter = EMULATOR.emulator().chatRequests().get(0);
        assertEquals("Resilience Tests", toOpenRouter.header("X-Title"));
        assertEquals("https://app.example.com", toOpenRouter.header("HTTP-Referer"));
        RecordedCall toLocal = local.chatRequests().get(0);
        assertNull(toLocal.header("X-Title"));
        assertNull(toLocal.header("HTTP-Referer"));
    }

    @Test
    void modelMappingSendsTheTargetsModelName() {
        wire = ResilienceFixtures.wireMock();
        wire.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(completion("llama3", "llama says hi", null)));
        LlmRouterTarget t = target(ResilienceFixtures.baseUrl(wire), "openai", null);
        t.setModel("llama3");
        useHarness(c -> c.addTarget("local", t), null, EMULATOR.baseUrl());

        Exchange ex = camel.send(camel.chat("targets=local&maxRetries=0&model=" + MINI), "Hello");

        assertNull(ex.getException());
        assertEquals("llama says hi", ex.getMessage().getBody());
        assertEquals("local", ex.getMessage().getHeader(LlmRouterConstants.TARGET));
        JsonNode sent = CamelHarness.json(wire.getAllServeEvents().get(0).getRequest().getBodyAsString());
        assertEquals("llama3", sent.get("model").asText());
        assertEquals("llama3", attempts(ex).get(0).model());
        assertFalse(wire.getAllServeEvents().get(0).getRequest().containsHeader("Authorization"),
                "no key configured, none sent");
        assertEquals(0, EMULATOR.emulator().requestCount());
    }

    @Test
    void targetWithoutMappingForTheModelIsSkipped() {
        wire = ResilienceFixtures.wireMock();
        wire.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(completion("x", "never", null)));
        LlmRouterTarget t = target(ResilienceFixtures.baseUrl(wire), "openai", null);
        t.setModels(Map.of("anthropic/claude-haiku-4.5", "haiku-local"));
        useHarness(c -> c.addTarget("local", t), null, EMULATOR.baseUrl());
        EMULATOR.emulator().reply("", "from openrouter");

        Exchange ex = camel.send(camel.chat("targets=local,openrouter&maxRetries=0&model=" + MINI), "Hello");

        assertNull(ex.getException());
        assertEquals("from openrouter", ex.getMessage().getBody());
        assertEquals("openrouter", ex.getMessage().getHeader(LlmRouterConstants.TARGET));
        List<Attempt> attempts = attempts(ex);
        assertEquals(List.of("local", "openrouter"), targets(attempts));
        assertEquals(List.of(Attempt.Outcome.SKIPPED, Attempt.Outcome.SUCCESS), outcomes(attempts));
        assertEquals(0, attempts.get(0).status());
        assertTrue(attempts.get(0).detail().contains("no model mapping"), attempts.get(0).detail());
        wire.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void skippedTargetDoesNotHideTheRealFailure() {
        wire = ResilienceFixtures.wireMock();
        LlmRouterTarget t = target(ResilienceFixtures.baseUrl(wire), "openai", null);
        t.setModels(Map.of("anthropic/claude-haiku-4.5", "haiku-local"));
        useHarness(c -> c.addTarget("local", t), null, EMULATOR.baseUrl());
        EMULATOR.emulator().fault("*", EmulatorFault.status(502));

        Exchange ex = camel.send(camel.chat("targets=openrouter,local&maxRetries=0&model=" + MINI), "original body");

        LlmRouterException e = assertInstanceOf(UpstreamException.class, ex.getException());
        assertEquals(502, e.getStatusCode());
        assertEquals(List.of(Attempt.Outcome.FAILED, Attempt.Outcome.SKIPPED), outcomes(e.getAttempts()));
        assertEquals("original body", ex.getMessage().getBody());
        wire.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void everyTargetWithoutMappingFailsWithNoProvider() {
        wire = ResilienceFixtures.wireMock();
        LlmRouterTarget t = target(ResilienceFixtures.baseUrl(wire), "openai", null);
        t.setModels(Map.of("anthropic/claude-haiku-4.5", "haiku-local"));
        useHarness(c -> c.addTarget("local", t), null, EMULATOR.baseUrl());

        Exchange ex = camel.send(camel.chat("targets=local&maxRetries=0&model=" + MINI), "original body");

        LlmRouterException e = assertInstanceOf(NoProviderException.class, ex.getException());
        assertTrue(e.getMessage().contains("local") && e.getMessage().contains(MINI), e.getMessage());
        assertEquals(List.of(Attempt.Outcome.SKIPPED), outcomes(e.getAttempts()));
    }

    @Test
    void targetBoundInTheRegistry() {
        local = OpenRouterEmulator.create().start();
        local.reply("", "from the registry target");
        // no dialect: openai, because the address is not openrouter.ai
        camel.context.getRegistry().bind("reg", target(local.baseUrl(), null, "sk-reg"));

        Exchange ex = camel.send(camel.chat("targets=reg&maxRetries=0&model=" + MINI + OPENROUTER_FIELDS), "Hello");

        assertNull(ex.getException());
        assertEquals("from the registry target", ex.getMessage().getBody());
        assertEquals("reg", ex.getMessage().getHeader(LlmRouterConstants.TARGET));
        assertEquals("Bearer sk-reg", local.lastRequest().header("Authorization"));
        assertFalse(local.lastRequest().json().has("provider"), local.lastRequest().body());
        assertFalse(local.lastRequest().json().has("models"), local.lastRequest().body());
        assertEquals(0, EMULATOR.emulator().requestCount());
    }

    @Test
    void unknownTargetFailsEndpointCreation() {
        String uri = camel.chat("targets=openrouter,nowhere&model=" + MINI);
        Exception e = assertThrows(Exception.class, () -> camel.context.getEndpoint(uri));
        Throwable root = ResilienceFixtures.root(e);
        assertInstanceOf(IllegalArgumentException.class, root);
        assertTrue(root.getMessage().contains("targets") && root.getMessage().contains("'nowhere'"),
                root.getMessage());
        assertEquals(0, EMULATOR.emulator().requestCount());
    }

    @ParameterizedTest
    @ValueSource(ints = { 400, 401, 402 })
    void clientErrorAtFirstTargetStopsTheChain(int status) {
        withLocalEmulator();
        EMULATOR.emulator().fault("*", EmulatorFault.status(status));

        Exchange ex = camel.send(camel.chat("targets=openrouter,local&maxRetries=2&retryDelay=1&model=" + MINI),
                "original body");

        Class<? extends LlmRouterException> expected = switch (status) {
            case 400 -> BadRequestException.class;
            case 401 -> AuthenticationException.class;
            default -> InsufficientCreditsException.class;
        };
        LlmRouterException e = assertInstanceOf(expected, ex.getException());
        assertEquals(status, e.getStatusCode());
        assertEquals("original body", ex.getMessage().getBody());
        assertEquals(1, EMULATOR.emulator().chatRequests().size(), "not retried");
        assertEquals(0, local.chatRequests().size(), "the next target is never called");
        assertEquals(List.of(Attempt.Outcome.FAILED), outcomes(e.getAttempts()));
        assertEquals(e.getAttempts(), attempts(ex));
    }

    // a context-length failure never goes to the same model again, so not to local either (it would send the same
    // model): the move to a model with a larger window is ContextLengthFallbackTest's
    @ParameterizedTest(name = "[{index}] {0} {2} fallbackOn={3}")
    @CsvSource(delimiter = '|', value = {
            "404 | -                       | No endpoints found matching your data policy | -             | true",
            "404 | -                       | No endpoints found matching your data policy | none          | false",
            "400 | context_length_exceeded | This model's maximum context length is 8192  | -             | false",
            "400 | context_length_exceeded | This model's maximum context length is 8192  | contextLength | false",
            "403 | -                       | Input was flagged                            | moderation,contextLength | true"
    })
    void fallbackOnDecidesWhetherTheNextTargetIsTried(int status, String errorType, String message, String fallbackOn,
                                                      boolean movesOn) {
        withLocalEmulator();
        EmulatorFault fault = EmulatorFault.status(status).message(message);
        if (status == 403) {
            fault = fault.metadata(MODERATION);
        }
        EMULATOR.emulator().fault("*", "-".equals(errorType) ? fault : fault.errorType(errorType));

        Exchange ex = camel.send(camel.chat("targets=openrouter,local&maxRetries=2&retryDelay=1&model=" + MINI
                                            + ("-".equals(fallbackOn) ? "" : "&fallbackOn=" + fallbackOn)),
                "original body");

        assertEquals(1, EMULATOR.emulator().chatRequests().size(), "never retried at the same target");
        if (movesOn) {
            assertNull(ex.getException());
            assertEquals("from local", ex.getMessage().getBody());
            assertEquals(List.of(status, 200), statuses(attempts(ex)));
        } else {
            LlmRouterException e = assertInstanceOf(LlmRouterException.class, ex.getException());
            assertEquals(status, e.getStatusCode());
            assertEquals(0, local.chatRequests().size());
            assertEquals("original body", ex.getMessage().getBody());
        }
    }

    @Test
    void moderationStopsByDefault() {
        withLocalEmulator();
        EMULATOR.emulator().fault("*", EmulatorFault.status(403).metadata(MODERATION));

        Exchange ex = camel.send(camel.chat("targets=openrouter,local&maxRetries=1&retryDelay=1&model=" + MINI),
                "original body");

        ModerationException e = assertInstanceOf(ModerationException.class, ex.getException());
        assertEquals(403, e.getStatusCode());
        assertEquals(1, EMULATOR.emulator().chatRequests().size());
        assertEquals(0, local.chatRequests().size());
        assertEquals("original body", ex.getMessage().getBody());
    }

    @Test
    void moderationMovesOnWithFallbackOnModeration() {
        withLocalEmulator();
        EMULATOR.emulator().fault("*", EmulatorFault.status(403).metadata(MODERATION));

        Exchange ex = camel.send(camel.chat("targets=openrouter,local&maxRetries=1&retryDelay=1&fallbackOn=moderation"
                                            + "&model=" + MINI), "Hello");

        assertNull(ex.getException());
        assertEquals("from local", ex.getMessage().getBody());
        assertEquals("local", ex.getMessage().getHeader(LlmRouterConstants.TARGET));
        List<Attempt> attempts = attempts(ex);
        assertEquals(List.of("openrouter", "local"), targets(attempts));
        assertEquals(List.of(403, 200), statuses(attempts));
        assertEquals(1, EMULATOR.emulator().chatRequests().size(), "a moderation refusal is not retried");
        assertNotNull(local.lastRequest());
    }
}
