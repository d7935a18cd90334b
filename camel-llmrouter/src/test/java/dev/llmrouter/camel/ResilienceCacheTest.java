package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.llmrouter.camel.error.Attempt;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.llmrouter.camel.ResilienceFixtures.MINI;
import static dev.llmrouter.camel.ResilienceFixtures.attempts;
import static dev.llmrouter.camel.ResilienceFixtures.completion;
import static dev.llmrouter.camel.ResilienceFixtures.outcomes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** cache=true (the component's own exact cache) and openrouterCache=true (OpenRouter's response cache). */
class ResilienceCacheTest extends EmulatorTestSupport {

    private WireMockServer wire;

    @AfterEach
    void stopWire() {
        if (wire != null) {
            wire.stop();
        }
    }

    @Test
    void identicalRequestIsServedFromTheCache() {
        EMULATOR.emulator().reply("", "an answer");
        String uri = camel.chat("cache=true&maxRetries=0&model=" + MINI);

        Exchange first = camel.send(uri, "Hello");
        Exchange second = camel.send(uri, "Hello");

        assertNull(first.getException());
        assertNull(second.getException());
        assertEquals(Boolean.FALSE, first.getMessage().getHeader(LlmRouterConstants.CACHE_HIT));
        assertTrue(first.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class).signum() > 0);
        assertEquals("an answer", second.getMessage().getBody());
        assertEquals(Boolean.TRUE, second.getMessage().getHeader(LlmRouterConstants.CACHE_HIT));
        assertEquals(0, BigDecimal.ZERO.compareTo(second.getMessage().getHeader(LlmRouterConstants.COST,
                BigDecimal.class)));
        assertEquals("openrouter", second.getMessage().getHeader(LlmRouterConstants.TARGET));
        List<Attempt> attempts = attempts(second);
        assertEquals(List.of(Attempt.Outcome.CACHED), outcomes(attempts));
        assertEquals(1, EMULATOR.emulator().chatRequests().size(), "the server was called once");

        Exchange other = camel.send(uri, "Something else");

        assertNull(other.getException());
        assertEquals(Boolean.FALSE, other.getMessage().getHeader(LlmRouterConstants.CACHE_HIT));
        assertEquals(2, EMULATOR.emulator().chatRequests().size(), "a different prompt misses");
    }

    @Test
    void withoutCacheEveryRequestIsSent() {
        EMULATOR.emulator().reply("", "an answer");
        String uri = camel.chat("maxRetries=0&model=" + MINI);

        camel.send(uri, "Hello");
        Exchange second = camel.send(uri, "Hello");

        assertEquals(Boolean.FALSE, second.getMessage().getHeader(LlmRouterConstants.CACHE_HIT));
        assertEquals(2, EMULATOR.emulator().chatRequests().size());
    }

    @Test
    void openrouterCacheSendsTheHeader() {
        Exchange ex = camel.send(camel.chat("openrouterCache=true&maxRetries=0&model=" + MINI), "Hello");

        assertNull(ex.getException());
        assertEquals("true", EMULATOR.emulator().lastRequest().header("X-OpenRouter-Cache"));

        camel.send(camel.chat("maxRetries=0&model=" + MINI), "Hello");
        assertNull(EMULATOR.emulator().lastRequest().header("X-OpenRouter-Cache"));
    }

    @Test
    void openrouterCacheStatusIsMappedToAHeader() {
        wire = ResilienceFixtures.wireMock();
        wire.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(completion(MINI, "cached upstream", "0").withHeader("X-OpenRouter-Cache-Status", "HIT")));
        useHarness(null, null, ResilienceFixtures.baseUrl(wire));

        Exchange ex = camel.send(camel.chat("openrouterCache=true&maxRetries=0&model=" + MINI), "Hello");

        assertNull(ex.getException());
        assertEquals("cached upstream", ex.getMessage().getBody());
        assertEquals("HIT", ex.getMessage().getHeader(LlmRouterConstants.OPENROUTER_CACHE_STATUS));
        wire.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("X-OpenRouter-Cache", equalTo("true")));
    }

    @Test
    void cacheHitAfterABilledRejectionReportsTheRejectedCost() {
        EMULATOR.emulator().reply(ResilienceFixtures.CHEAP, "", "not JSON");
        EMULATOR.emulator().reply(ResilienceFixtures.STRONG, "", "{\"ok\":true}");
        String uri = camel.chat("cache=true&maxRetries=0&model=" + ResilienceFixtures.CHEAP + "&escalateModels="
                                + ResilienceFixtures.STRONG + "&escalateOn=invalidJson");

        Exchange first = camel.send(uri, "Hello");
        Exchange second = camel.send(uri, "Hello");

        assertNull(first.getException());
        assertNull(second.getException());
        assertEquals("{\"ok\":true}", second.getMessage().getBody());
        assertEquals(Boolean.TRUE, second.getMessage().getHeader(LlmRouterConstants.CACHE_HIT));
        List<Attempt> attempts = attempts(second);
        assertEquals(List.of(Attempt.Outcome.REJECTED, Attempt.Outcome.CACHED), outcomes(attempts));
        // the rejected answer is not cached: it was asked for (and billed) again
        assertEquals(3, EMULATOR.emulator().chatRequests().size());
        BigDecimal rejected = attempts.get(0).cost();
        assertTrue(rejected.signum() > 0, "rejected cost " + rejected);
        assertEquals(0, rejected.compareTo(second.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class)),
                "the cost is the sum over the attempts: " + second.getMessage().getHeader(LlmRouterConstants.COST));
    }
}
