package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The prompt cache made visible: answers that report cached prompt tokens (scripted with WireMock) feed the meters
 * {@code llmrouter.cache.ratio} and {@code llmrouter.cache.saved} per route and model, and the dev console, with
 * the saving priced from the catalog's cache-read price.
 */
class ConversationCacheMetricsTest extends WireMockTestSupport {

    private static final String PATH = "/api/v1/chat/completions";
    private static final String MODEL = "anthropic/claude-haiku-4.5";
    // 1000 prompt tokens, 800 of them read from the cache
    private static final String ANSWER = "{\"id\":\"gen-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\""
                                         + MODEL + "\",\"provider\":\"Anthropic\",\"choices\":[{\"index\":0,"
                                         + "\"message\":{\"role\":\"assistant\",\"content\":\"Hello again.\"},"
                                         + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1000,"
                                         + "\"completion_tokens\":10,\"total_tokens\":1010,\"cost\":0.00099,"
                                         + "\"prompt_tokens_details\":{\"cached_tokens\":800}}}";

    @TempDir
    Path dir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void cachedTokensGiveTheRatioAndTheDollarsSavedPerRouteAndModel() throws Exception {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ANSWER)));
        // prompt 3 USD per million tokens, cache read 0.30: each cached token saves 0.0000027 USD
        Path prices = dir.resolve("prices.json");
        Files.writeString(prices, "{\"data\":[{\"id\":\"" + MODEL + "\",\"context_length\":200000,\"pricing\":"
                                  + "{\"prompt\":\"0.000003\",\"completion\":\"0.000015\","
                                  + "\"input_cache_read\":\"0.0000003\"}}]}", StandardCharsets.UTF_8);
        String uri = "llmrouter:chat?apiKey=" + CamelHarness.API_KEY + "&baseUrl=" + baseUrl() + "&model=" + MODEL
                     + "&maxCostPerRequest=5&pricingCatalog=file:" + prices.toAbsolutePath()
                     + "&conversationId=${header.ticket}&autoCacheControl=true&systemPrompt=Be brief.";
        camel.close();
        camel = new CamelHarness(baseUrl(), null, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:support").routeId("support").to(uri);
            }
        }, r -> r.bind("meters", meters));

        for (int i = 0; i < 2; i++) {
            Exchange e = camel.template.send("direct:support", x -> {
                x.getMessage().setBody("hello");
                x.getMessage().setHeader("ticket", "T-1");
            });
            assertNull(e.getException(), () -> String.valueOf(e.getException()));
            assertEquals(800, e.getMessage().getHeader(LlmRouterConstants.CACHED_TOKENS));
        }
        server.verify(2, postRequestedFor(urlEqualTo(PATH)));

        double saved = meters.get("llmrouter.cache.saved").tag("model", MODEL).tag("route", "support").counter()
                .count();
        assertEquals(2 * 800 * 0.0000027, saved, 1e-12);
        double ratio = meters.get("llmrouter.cache.ratio").tag("model", MODEL).tag("route", "support").gauge().value();
        assertEquals(0.8, ratio, 1e-9);

        DevConsole console = camel.context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class)
                .resolveById("llmrouter");
        String text = (String) console.call(DevConsole.MediaType.TEXT);
        assertTrue(text.contains("support " + MODEL + ": cached 1600 of 2000 prompt tokens (80.0%), saved $0.00432"),
                text);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) console.call(DevConsole.MediaType.JSON);
        @SuppressWarnings("unchecked")
        Map<String, Object> component = ((List<Map<String, Object>>) json.get("components")).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> row = ((List<Map<String, Object>>) component.get("promptCache")).get(0);
        assertEquals("support", row.get("route"));
        assertEquals(MODEL, row.get("model"));
        assertEquals(2000L, ((Number) row.get("promptTokens")).longValue());
        assertEquals(1600L, ((Number) row.get("cachedTokens")).longValue());
        assertEquals(0.8, ((Number) row.get("cachedRatio")).doubleValue(), 1e-9);
        assertEquals(0, new BigDecimal("0.00432").compareTo(new BigDecimal(row.get("saved").toString())));
    }

    @Test
    void withoutACheaperCacheReadPriceNothingIsSavedButTheRatioIsKept() throws Exception {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ANSWER)));
        // no input_cache_read: the catalog reads it as the prompt price, so no discount is claimed
        Path prices = dir.resolve("prices.json");
        Files.writeString(prices, "{\"data\":[{\"id\":\"" + MODEL + "\",\"context_length\":200000,\"pricing\":"
                                  + "{\"prompt\":\"0.000003\",\"completion\":\"0.000015\"}}]}", StandardCharsets.UTF_8);
        camel.close();
        camel = new CamelHarness(baseUrl(), null, null, r -> r.bind("meters", meters));
        Exchange e = camel.send(camel.chat("model=" + MODEL + "&maxCostPerRequest=5&pricingCatalog=file:"
                                           + prices.toAbsolutePath()), "hello");
        assertNull(e.getException());
        assertTrue(meters.find("llmrouter.cache.saved").counters().isEmpty());
        assertEquals(0.8, meters.get("llmrouter.cache.ratio").tag("model", MODEL).gauge().value(), 1e-9);
    }
}
