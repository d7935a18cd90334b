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
        String uri = "llmrouter:chat?apiKey=" + CamelHarness.API_KEY + "&baseUrl=" + EMULATOR.baseUrl()
                     + "&model=openai/gpt-4o-mini&maxRetries=0";
        useHarness(null, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:classify")
                        .circuitBreaker()
                            .resilience4jConfiguration().minimumNumberOfCalls(2).slidingWindowSize(2).end()
                            .to(uri)
                        .onFallback()
                            .setBody(constant("unclassified"))
                        .end()
                        .to("mock:out");
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
