package dev.llmrouter.camel.springboot;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The route of {@link LlmRouterStarterTest}, and a Micrometer registry as an application would have. */
@Configuration(proxyBeanMethods = false)
public class LlmRouterStarterTestRoutes {

    @Bean
    public MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    public RouteBuilder classifyRoute() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:classify").routeId("classify")
                        .to("llmrouter:chat?profile=cheap&systemPrompt=Answer with one word");
            }
        };
    }
}
