package dev.llmrouter.camel;

import dev.llmrouter.test.EmulatorFault;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The route-level alternative documented in docs/reliability.md: Camel's circuitBreaker() EIP (camel-resilience4j)
 * around an llmrouter call, with onFallback. Proves the snippet works as written.
 */
class CircuitBreakerEipTest extends EmulatorTestSupport {

    @Test
    void onFallbackAnswersWhenTheCallFailsAndTheBodyIsTheAnswerOtherwise() throws Exception {
        EMULATOR.emulator().reply("order", "shipping");
        // the key and the base URL on the component, so that the route reads exactly as the doc shows it
        useHarness(c -> {
            c.getConfiguration().setApiKey(CamelHarness.API_KEY);
            c.getConfiguration().setBaseUrl(EMULATOR.baseUrl());
        }, new RouteBuilder() {
            @Override
            public void configure() {
                // doc: docs/reliability.md
                from("direct:classify")
                    .circuitBreaker()
                        .resilience4jConfiguration().minimumNumberOfCalls(2).slidingWindowSize(2).end()
                        .to("llmrouter:chat?model=openai/gpt-4o-mini&maxRetries=0")
                    .onFallback()
                        .setBody(constant("unclassified"))
                    .end()
                    .to("mock:out");
                // end doc
            }
        }, EMULATOR.baseUrl());
        MockEndpoint out = camel.context.getEndpoint("mock:out", MockEndpoint.class);
        out.expectedBodiesReceived("shipping", "unclassified");

        camel.template.sendBody("direct:classify", "Where is my order?");
        EMULATOR.emulator().fault("*", EmulatorFault.status(500).message("Internal error"));
        camel.template.sendBody("direct:classify", "Where is my order?");

        out.assertIsSatisfied();
        assertEquals(2, EMULATOR.emulator().chatRequests().size());
    }
}
