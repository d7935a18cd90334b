package dev.llmrouter.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A started CamelContext with an {@code llmrouter} component that never reads the real environment, pointed at
 * a local server. Tests create one per test and close it.
 */
final class CamelHarness implements AutoCloseable {

    static final String API_KEY = "sk-or-test-7f3c9a1b2d4e";
    static final ObjectMapper JSON = new ObjectMapper();

    final CamelContext context;
    final ProducerTemplate template;
    final LlmRouterComponent component;
    private final String baseUrl;

    CamelHarness(String baseUrl) {
        this(baseUrl, null, null);
    }

    CamelHarness(String baseUrl, java.util.function.Consumer<LlmRouterComponent> componentSetup, RouteBuilder routes) {
        this(baseUrl, componentSetup, routes, null);
    }

    /** As above, with {@code beans} binding beans (e.g. a MeterRegistry) in the registry before the start. */
    CamelHarness(String baseUrl, java.util.function.Consumer<LlmRouterComponent> componentSetup, RouteBuilder routes,
                 java.util.function.Consumer<org.apache.camel.spi.Registry> beans) {
        this.baseUrl = baseUrl;
        try {
            context = new DefaultCamelContext();
            if (beans != null) {
                beans.accept(context.getRegistry());
            }
            component = new LlmRouterComponent();
            component.setEnvironment(name -> null);
            if (componentSetup != null) {
                componentSetup.accept(component);
            }
            context.addComponent("llmrouter", component);
            if (routes != null) {
                context.addRoutes(routes);
            }
            context.start();
            template = context.createProducerTemplate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A chat endpoint URI with the test key and the local base URL, plus {@code options} (may be empty). */
    String chat(String options) {
        return endpoint("chat", options);
    }

    String endpoint(String operation, String options) {
        return "llmrouter:" + operation + "?apiKey=" + API_KEY + "&baseUrl=" + baseUrl
               + (options == null || options.isEmpty() ? "" : "&" + options);
    }

    Exchange send(String uri, Object body) {
        return template.send(uri, e -> e.getMessage().setBody(body));
    }

    Exchange send(String uri, Object body, java.util.Map<String, Object> headers) {
        return template.send(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new java.util.HashMap<>(headers));
        });
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        context.stop();
    }
}
