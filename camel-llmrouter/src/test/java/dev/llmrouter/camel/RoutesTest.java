package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.util.List;

import dev.llmrouter.test.EmulatorFault;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same cheap-first route written in the Java DSL and in the YAML DSL, run against the emulator. */
class RoutesTest extends EmulatorTestSupport {


    @Test
    void javaDslRouteWithFallbackAndCost() throws Exception {
        EMULATOR.emulator().reply("refund", "billing");
        EMULATOR.emulator().fault("anthropic/claude-haiku-4.5", EmulatorFault.status(503).message("Overloaded"));
        String uri = "llmrouter:chat?apiKey=" + CamelHarness.API_KEY + "&baseUrl=" + EMULATOR.baseUrl()
                     + "&model=anthropic/claude-haiku-4.5&fallbackModels=anthropic/claude-sonnet-4.5&sort=price"
                     + "&maxTokens=16&systemPrompt=Answer with one word.";
        useHarness(null, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:classify").routeId("classify")
                        .to(uri)
                        .to("mock:labels");
            }
        }, EMULATOR.baseUrl());
        MockEndpoint labels = camel.context.getEndpoint("mock:labels", MockEndpoint.class);
        labels.expectedBodiesReceived("billing");
        labels.expectedHeaderReceived(LlmRouterConstants.RESPONSE_MODEL, "anthropic/claude-sonnet-4.5");

        camel.template.sendBody("direct:classify", "I want a refund for order 1234");

        labels.assertIsSatisfied();
        BigDecimal cost = labels.getReceivedExchanges().get(0).getMessage()
                .getHeader(LlmRouterConstants.COST, BigDecimal.class);
        assertTrue(cost.signum() > 0, "cost " + cost);
        assertEquals(List.of("anthropic/claude-haiku-4.5", "anthropic/claude-sonnet-4.5"),
                List.of(EMULATOR.emulator().lastRequest().json().get("model").asText(),
                        EMULATOR.emulator().lastRequest().json().get("models").get(0).asText()));
    }

    @Test
    void yamlDslRoute() throws Exception {
        EMULATOR.emulator().reply("invoice", "billing");
        String yaml = """
                - route:
                    id: classify-yaml
                    from:
                      uri: direct:classify-yaml
                      steps:
                        - to:
                            uri: llmrouter:chat
                            parameters:
                              apiKey: "%s"
                              baseUrl: "%s"
                              model: openai/gpt-4o-mini
                              sort: price
                              dataCollection: deny
                              maxPricePrompt: 5
                              systemPrompt: Answer with one word.
                        - setHeader:
                            name: label
                            simple: "${body}"
                """.formatted(CamelHarness.API_KEY, EMULATOR.baseUrl());
        PluginHelper.getRoutesLoader(camel.context).loadRoutes(ResourceHelper.fromString("classify.yaml", yaml));

        Exchange ex = camel.template.send("direct:classify-yaml", e -> e.getMessage().setBody("Where is my invoice?"));

        assertEquals("billing", ex.getMessage().getHeader("label"));
        assertInstanceOf(BigDecimal.class, ex.getMessage().getHeader(LlmRouterConstants.COST));
        assertEquals(CamelHarness.json("{\"model\":\"openai/gpt-4o-mini\",\"provider\":{\"sort\":\"price\","
                                       + "\"data_collection\":\"deny\",\"max_price\":{\"prompt\":\"5\"}},\"messages\":["
                                       + "{\"role\":\"system\",\"content\":\"Answer with one word.\"},"
                                       + "{\"role\":\"user\",\"content\":\"Where is my invoice?\"}]}"),
                EMULATOR.emulator().lastRequest().json());
    }
}
