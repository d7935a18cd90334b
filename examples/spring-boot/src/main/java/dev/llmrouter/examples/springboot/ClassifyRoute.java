package dev.llmrouter.examples.springboot;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Classifies a support message with the cheap profile of application.yaml. */
@Component
public class ClassifyRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:classify").routeId("classify")
                .to("llmrouter:chat?profile=cheap"
                    + "&systemPrompt=Classify the support ticket. Answer with one word: billing, shipping or account.");
    }
}
