package dev.llmrouter.kamelets;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.camel.LlmRouterConstants;
import dev.llmrouter.camel.error.EscalationFailedException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The llmrouter-classify-action Kamelet, loaded from the classpath by camel-kamelet, against the emulator. */
class LlmRouterClassifyKameletTest extends KameletTestSupport {

    private void classifyRoute(String labels) throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:classify")
                    .to("kamelet:llmrouter-classify-action?model=openai/gpt-4o-mini&labels=" + labels
                        + "&apiKey=k&baseUrl=" + emulator.baseUrl());
            }
        });
    }

    @Test
    void theLabelTheModelChoseBecomesTheBody() throws Exception {
        emulator.replyJson("parcel", "{\"label\":\"shipping\"}");
        classifyRoute("billing, shipping,technical,other");

        Exchange out = template.send("direct:classify", e -> e.getMessage().setBody("Where is my parcel?"));

        assertNull(out.getException(), () -> "failed: " + out.getException());
        assertEquals("shipping", out.getMessage().getBody());
        assertEquals(1, emulator.chatRequests().size());
        JsonNode sent = emulator.lastRequest().json();
        assertEquals("openai/gpt-4o-mini", sent.get("model").asText());
        assertEquals(50, sent.get("max_tokens").asInt()); // the Kamelet's default
        // a strict JSON Schema whose only property is the label, limited to the list (trimmed, in order)
        assertEquals("json_schema", sent.at("/response_format/type").asText());
        assertEquals("classification", sent.at("/response_format/json_schema/name").asText());
        assertTrue(sent.at("/response_format/json_schema/strict").asBoolean());
        JsonNode schema = sent.at("/response_format/json_schema/schema");
        assertEquals(List.of("billing", "shipping", "technical", "other"), texts(schema.at("/properties/label/enum")));
        assertEquals(List.of("label"), texts(schema.get("required")));
        assertFalse(schema.get("additionalProperties").asBoolean());
        // the system prompt gives the model the same list
        String system = sent.at("/messages/0/content").asText();
        assertTrue(system.startsWith("Classify the text of the user message.") && system.endsWith(
                "Labels: billing, shipping,technical,other."), system);
        assertEquals("Where is my parcel?", sent.at("/messages/1/content").asText());
    }

    @Test
    void withoutAScriptedAnswerTheAnswerIsStillOneOfTheLabels() throws Exception {
        // the emulator answers structured output with a value its schema allows: only a listed label can come back
        classifyRoute("urgent,normal");

        Exchange out = template.send("direct:classify", e -> e.getMessage().setBody("The server room is on fire"));

        assertNull(out.getException(), () -> "failed: " + out.getException());
        assertTrue(List.of("urgent", "normal").contains(out.getMessage().getBody(String.class)),
                String.valueOf(out.getMessage().getBody()));
    }

    @Test
    void instructionsAndMaxTokensReplaceTheDefaults() throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:classify")
                    .to("kamelet:llmrouter-classify-action?model=openai/gpt-4o-mini&labels=yes,no"
                        + "&instructions=Is the text a complaint?&maxTokens=8&apiKey=k&baseUrl=" + emulator.baseUrl());
            }
        });

        template.send("direct:classify", e -> e.getMessage().setBody("Nothing works."));

        JsonNode sent = emulator.lastRequest().json();
        assertEquals("Is the text a complaint? Labels: yes,no.", sent.at("/messages/0/content").asText());
        assertEquals(8, sent.get("max_tokens").asInt());
    }

    @Test
    void labelsAndInstructionsWithUriCharactersArriveWhole() throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:classify")
                    .to("kamelet:llmrouter-classify-action?model=openai/gpt-4o-mini&labels=RAW(R&D,sales+marketing)"
                        + "&instructions=RAW(Pick one & only one, 100% sure?)&apiKey=k&baseUrl=" + emulator.baseUrl());
            }
        });

        Exchange out = template.send("direct:classify", e -> e.getMessage().setBody("New prototype results"));

        assertNull(out.getException(), () -> "failed: " + out.getException());
        assertEquals("R&D", out.getMessage().getBody()); // the emulator's pick: the first label the schema allows
        JsonNode sent = emulator.lastRequest().json();
        assertEquals(List.of("R&D", "sales+marketing"),
                texts(sent.at("/response_format/json_schema/schema/properties/label/enum")));
        assertEquals("Pick one & only one, 100% sure? Labels: R&D,sales+marketing.", sent.at("/messages/0/content").asText());
    }

    @Test
    void anAnswerThatIsNotALabelFailsTheMessage() throws Exception {
        emulator.replyJson("refund", "{\"label\":\"refund\"}");
        classifyRoute("billing,shipping");

        Exchange out = template.send("direct:classify", e -> e.getMessage().setBody("I want a refund"));

        EscalationFailedException e = assertInstanceOf(EscalationFailedException.class, out.getException());
        assertTrue(e.getMessage().startsWith("No answer passed the escalation check after 1 attempts; the last was"
                                             + " rejected because"), e.getMessage());
        assertEquals("I want a refund", out.getMessage().getBody()); // the route never saw "refund" as a label
        assertEquals(1, emulator.chatRequests().size());
    }

    @Test
    void escalateModelsAreAskedWhenTheAnswerIsNotALabel() throws Exception {
        emulator.reply("openai/gpt-4o-mini", "refund", "{\"label\":\"refund\"}")
                .reply("anthropic/claude-sonnet-4.5", "refund", "{\"label\":\"billing\"}");
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:classify")
                    .to("kamelet:llmrouter-classify-action?model=openai/gpt-4o-mini&labels=billing,shipping"
                        + "&escalateModels=anthropic/claude-sonnet-4.5&apiKey=k&baseUrl=" + emulator.baseUrl());
            }
        });

        Exchange out = template.send("direct:classify", e -> e.getMessage().setBody("I want a refund"));

        assertNull(out.getException(), () -> "failed: " + out.getException());
        assertEquals("billing", out.getMessage().getBody());
        assertEquals("anthropic/claude-sonnet-4.5", out.getMessage().getHeader(LlmRouterConstants.RESPONSE_MODEL));
        assertEquals(2, emulator.chatRequests().size());
        assertEquals("openai/gpt-4o-mini", emulator.chatRequests().get(0).json().get("model").asText());
        assertEquals("anthropic/claude-sonnet-4.5", emulator.chatRequests().get(1).json().get("model").asText());
    }

    @Test
    void missingLabelsFailWhenTheRouteIsCreatedNamingTheProperty() {
        Exception e = assertThrows(Exception.class, () -> start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:classify")
                    .to("kamelet:llmrouter-classify-action?model=openai/gpt-4o-mini&apiKey=k&baseUrl=" + emulator.baseUrl());
            }
        }));
        String messages = LlmRouterActionKameletTest.messages(e);
        assertTrue(messages.contains(
                "Route template llmrouter-classify-action the following mandatory parameters must be provided: labels"),
                messages);
        assertEquals(0, emulator.requestCount());
    }

    @Test
    void aListOfBlanksFailsNamingTheLabels() {
        Exception e = assertThrows(Exception.class, () -> classifyRoute(" , ,"));
        String messages = LlmRouterActionKameletTest.messages(e);
        assertTrue(messages.contains("Invalid labels ' , ,': give at least one label, as a comma list"), messages);
        assertEquals(0, emulator.chatRequests().size());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
