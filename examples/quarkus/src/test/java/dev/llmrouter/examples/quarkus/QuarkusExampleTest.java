package dev.llmrouter.examples.quarkus;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.camel.LlmRouterConstants;
import dev.llmrouter.test.OpenRouterEmulator;
import dev.llmrouter.test.RecordedCall;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the Quarkus application (JVM mode) against the emulator EmulatorByDefault starts, as it does by default. */
@QuarkusTest
class QuarkusExampleTest {

    @Inject
    EmulatorByDefault emulatorByDefault;

    @Inject
    TicketClassifier classifier;

    @Inject
    ProducerTemplate producer;

    @Inject
    ConsumerTemplate consumer;

    @Test
    void theDemoLabelsEveryTicketAndDeadLettersTheUnknownModel() throws Exception {
        OpenRouterEmulator emulator = emulatorByDefault.emulator().orElseThrow();
        int callsBefore = emulator.chatRequests().size();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        TicketClassifier.Summary s = classifier.run(new PrintStream(buffer, true, StandardCharsets.UTF_8),
                Duration.ofSeconds(60));
        String output = buffer.toString(StandardCharsets.UTF_8);

        int tickets = TicketClassifier.sampleTickets().size();
        assertEquals(12, tickets);
        assertEquals(tickets + 1, s.sent());
        assertEquals(s.sent(), s.out(), output); // in = out
        assertEquals(Map.of("classified.billing", 3, "classified.shipping", 3, "classified.account", 2,
                "classified.technical", 3, "classified.other", 1, "classified.DLQ", 1), s.received(), output);
        // the budget refuses a model it has no price for before anything is sent: dead-lettered with the reason
        assertTrue(output.contains("dead letter: \"" + TicketClassifier.ODD_TICKET + "\" -> UnknownModelPriceException: "
                + "No price known for model '" + TicketClassifier.MISSING_MODEL + "'"), output);
        assertTrue(output.contains("In: 13, out: 13 (12 classified, 1 dead-lettered)"), output);
        assertTrue(s.cost().signum() > 0, s.cost().toPlainString());

        // one call per labelled ticket, none for the refused one
        List<RecordedCall> calls = emulator.chatRequests().subList(callsBefore, emulator.chatRequests().size());
        assertEquals(12, calls.size());
        assertTrue(calls.stream().allMatch(c -> "openai/gpt-4o-mini".equals(c.json().path("model").asText())),
                calls.toString());
    }

    @Test
    void aTicketReachesItsLabelQueueWithCostAndUsageHeaders() throws Exception {
        OpenRouterEmulator emulator = emulatorByDefault.emulator().orElseThrow();
        int callsBefore = emulator.chatRequests().size();
        String ticket = "The parcel with order 12345 is two weeks late.";

        producer.sendBody(ClassifierRoutes.IN, ticket);
        Exchange out = consumer.receive(ClassifierRoutes.OUT_PREFIX + "shipping", 30_000);

        assertNotNull(out, "nothing reached seda:classified.shipping");
        assertEquals(ticket, out.getMessage().getBody(String.class));
        assertEquals("shipping", out.getMessage().getHeader("TicketLabel"));
        assertEquals("openai/gpt-4o-mini", out.getMessage().getHeader("LlmServedBy"));
        BigDecimal cost = out.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
        assertNotNull(cost);
        assertTrue(cost.signum() > 0, cost.toPlainString());
        assertEquals(cost.toPlainString(), out.getMessage().getHeader("LlmCost"));
        assertTrue(out.getMessage().getHeader(LlmRouterConstants.PROMPT_TOKENS, Integer.class) > 0);
        assertTrue(out.getMessage().getHeader(LlmRouterConstants.COMPLETION_TOKENS, Integer.class) > 0);

        // what the emulator received: application.properties' component options and the label schema
        assertEquals(callsBefore + 1, emulator.chatRequests().size());
        RecordedCall call = emulator.chatRequests().get(callsBefore);
        assertEquals("Bearer emulator-key", call.header("Authorization"));
        assertEquals("camel-llmrouter quarkus example", call.header("X-Title"));
        JsonNode body = call.json();
        assertEquals("openai/gpt-4o-mini", body.path("model").asText(), body.toString());
        assertEquals("anthropic/claude-haiku-4.5", body.path("models").path(0).asText(), body.toString());
        assertEquals(20, body.path("max_tokens").asInt(), body.toString());
        assertEquals(0.0, body.path("temperature").asDouble(-1), body.toString());
        assertEquals("price", body.path("provider").path("sort").asText(), body.toString());
        assertEquals("Label the support ticket: billing, shipping, account, technical or other.",
                body.path("messages").path(0).path("content").asText(), body.toString());
        assertEquals(ticket, body.path("messages").path(1).path("content").asText(), body.toString());
        JsonNode format = body.path("response_format");
        assertEquals("json_schema", format.path("type").asText(), body.toString());
        JsonNode label = format.path("json_schema").path("schema").path("properties").path("label");
        assertEquals(List.of("billing", "shipping", "account", "technical", "other"),
                List.of(label.path("enum").path(0).asText(), label.path("enum").path(1).asText(),
                        label.path("enum").path(2).asText(), label.path("enum").path(3).asText(),
                        label.path("enum").path(4).asText()), format.toString());
    }
}
