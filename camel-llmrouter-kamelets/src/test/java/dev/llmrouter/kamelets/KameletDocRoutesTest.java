package dev.llmrouter.kamelets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.camel.LlmRouterConstants;
import dev.llmrouter.test.OpenRouterEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The YAML routes of docs/kamelets.md, run as {@code camel run classify.camel.yaml} runs them: camel-main loads the
 * files by {@code camel.main.routes-include-pattern}, camel-kamelet finds the Kamelets on the classpath, and the
 * component is configured by {@code camel.component.llmrouter.*} properties that point it at the emulator.
 */
class KameletDocRoutesTest {

    static final Path DOC = Path.of("..", "docs", "kamelets.md");

    /** The fenced YAML blocks of the page, in order. */
    static List<String> yamlBlocks() throws IOException {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : Files.readAllLines(DOC)) {
            if (block == null && line.strip().equals("```yaml")) {
                block = new StringBuilder();
            } else if (block != null && line.strip().equals("```")) {
                blocks.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }

    @Test
    void theDocsYamlRoutesRunWithCamelMainAgainstTheEmulator() throws Exception {
        List<String> blocks = yamlBlocks();
        assertEquals(2, blocks.size(), "docs/kamelets.md should show the classify and the summarize route");
        Path dir = Path.of("target", "doc-routes");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("classify.camel.yaml"), blocks.get(0));
        Files.writeString(dir.resolve("summarize.camel.yaml"), blocks.get(1));

        try (OpenRouterEmulator emulator = OpenRouterEmulator.create().start()) {
            emulator.requireApiKey("emulator").replyJson("parcel", "{\"label\":\"shipping\"}");
            CompletableFuture<Exchange> classified = new CompletableFuture<>();
            Main main = new Main();
            main.addOverrideProperty("camel.main.routes-include-pattern", "file:" + dir.toAbsolutePath() + "/*.camel.yaml");
            main.addOverrideProperty("camel.component.llmrouter.base-url", emulator.baseUrl());
            main.addOverrideProperty("camel.component.llmrouter.api-key", "emulator");
            main.configure().addRoutesBuilder(new RouteBuilder() {
                @Override
                public void configure() {
                    getContext().getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
                        @Override
                        public void notify(CamelEvent event) {
                            if (event instanceof CamelEvent.ExchangeCompletedEvent done
                                && "classify".equals(done.getExchange().getFromRouteId())) {
                                classified.complete(done.getExchange());
                            }
                        }
                    });
                }
            });
            main.start();
            try {
                // classify.camel.yaml: the timer fires once, the label comes back as the body
                Exchange out = classified.get(30, TimeUnit.SECONDS);
                assertNull(out.getException(), () -> "failed: " + out.getException());
                assertEquals("shipping", out.getMessage().getBody(String.class));
                assertNotNull(out.getMessage().getHeader(LlmRouterConstants.COST));
                JsonNode sent = emulator.chatRequests().get(0).json();
                assertEquals("openai/gpt-4o-mini", sent.get("model").asText());
                assertEquals("My parcel has not arrived yet.", sent.at("/messages/1/content").asText());
                assertEquals("shipping", sent.at("/response_format/json_schema/schema/properties/label/enum/1").asText());

                // summarize.camel.yaml: the action Kamelet behind a direct endpoint
                CamelContext camel = main.getCamelContext();
                Exchange summary = camel.createProducerTemplate()
                        .send("direct:summarize", e -> e.getMessage().setBody("Camel routes messages between systems."));
                assertNull(summary.getException(), () -> "failed: " + summary.getException());
                assertNotNull(summary.getMessage().getBody(String.class));
                assertEquals(2, emulator.chatRequests().size());
                sent = emulator.lastRequest().json();
                assertEquals("anthropic/claude-haiku-4.5", sent.get("model").asText());
                assertEquals("Summarise the text in one sentence.", sent.at("/messages/0/content").asText());
                assertEquals(100, sent.get("max_tokens").asInt());
            } finally {
                main.stop();
            }
        }
    }
}
