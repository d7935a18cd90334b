package dev.llmrouter.camel.quarkus.deployment;

import org.apache.camel.builder.RouteBuilder;

/** The route of the tests: everything but the operation comes from {@code camel.component.llmrouter.*}. */
public class AskRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:ask").routeId("ask").to("llmrouter:chat");
    }
}
